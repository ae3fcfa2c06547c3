package dev.flywheel.cli.engine;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.config.LoopSettings;
import dev.flywheel.loop.ExternalPolicy;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.loop.UniformPolicy;
import dev.flywheel.model.ContentBandit;
import dev.flywheel.model.OnlineLearner;
import dev.flywheel.model.ContentBanditSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds each configured loop's policy at start-up; a bad loop section stops the start with its key.
 * Policies that learn are also stream operators, fed from the log by the runner.
 */
record Loops(Map<String, LoopPolicy> policies, List<OnlineLearner> learners, Map<String, RewardSpec> rewards) {

    static Loops build(FlywheelConfig config, Catalog catalog) {
        Map<String, LoopPolicy> policies = new HashMap<>();
        List<OnlineLearner> learners = new ArrayList<>();
        Map<String, RewardSpec> rewards = new HashMap<>();
        for (LoopSettings l : config.loops()) {
            LoopPolicy p = policy(l, catalog);
            policies.put(l.name(), p);
            rewards.put(l.name(), RewardSpec.from(l.section()));
            if (p instanceof OnlineLearner c) learners.add(c);
        }
        return new Loops(policies, learners, rewards);
    }

    private static LoopPolicy policy(LoopSettings l, Catalog catalog) {
        Supplier<List<String>> all = () -> catalog.all().stream().map(e -> e.item().id()).toList();
        return switch (l.model()) {
            case "external" -> new ExternalPolicy(l.name());
            case "uniform" -> new UniformPolicy("uniform-1", all,
                    l.section().longValue("seed", l.name().hashCode(), Long.MIN_VALUE, Long.MAX_VALUE));
            default -> new ContentBandit(l.name(), ContentBanditSettings.from(l.section()), catalog);
        };
    }
}
