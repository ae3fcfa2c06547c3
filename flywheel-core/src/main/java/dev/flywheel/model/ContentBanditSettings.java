package dev.flywheel.model;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.loop.RewardSpec;
import java.time.Duration;
import java.util.Set;

/**
 * The settings of a content-bandit loop, read from its config section. The defaults were chosen on
 * the simulated article world (seeds 1-3 and 42, 40-60 rounds): a long half-life (profiles of a
 * ten-day world should not forget), a fast learning rate and light regularisation (few features,
 * many outcomes), and 5 % exploration per slot.
 *
 * @param halfLife      how fast feedback counts and user profiles forget
 * @param priorStrength pseudo-impressions pulling an item's rates toward the global rates
 * @param sampler       the exploration, whose per-slot probabilities are logged as propensities
 */
public record ContentBanditSettings(RewardSpec reward, Duration halfLife, double priorStrength,
                                    SlateSampler sampler, FtrlProximal.Params ftrl, long seed) {

    public static ContentBanditSettings from(ConfigTree loop) {
        RewardSpec reward = RewardSpec.from(loop);
        ConfigTree learner = loop.section("learner");
        learner.only(Set.of("half_life", "prior_strength", "alpha", "beta", "l1", "l2"));
        Duration halfLife = learner.duration("half_life", Duration.ofDays(30));
        if (halfLife.isZero() || halfLife.isNegative()) throw new ConfigException(learner.keyOf("half_life"), "must be positive");
        FtrlProximal.Params ftrl = new FtrlProximal.Params(learner.number("alpha", 1.0, 1e-6, 10),
                learner.number("beta", 1, 0, 100), learner.number("l1", 0, 0, 100), learner.number("l2", 0.1, 0, 100));
        return new ContentBanditSettings(reward, halfLife, learner.number("prior_strength", 20, 1e-3, 1e6),
                sampler(loop.section("exploration")), ftrl, loop.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static SlateSampler sampler(ConfigTree e) {
        e.only(Set.of("strategy", "epsilon", "temperature"));
        String strategy = e.string("strategy", "epsilon-greedy");
        return switch (strategy) {
            case "epsilon-greedy" -> new SlateSampler.EpsilonGreedy(e.number("epsilon", 0.05, 0, 1));
            case "softmax" -> new SlateSampler.PlackettLuce(e.number("temperature", 0.05, 1e-6, 100));
            default -> throw new ConfigException(e.keyOf("strategy"), "must be epsilon-greedy or softmax, got " + strategy);
        };
    }
}
