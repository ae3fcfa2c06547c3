package dev.flywheel.sim.articles;

import java.time.Duration;

/**
 * How a comparison run goes: {@code rounds} rounds of traffic {@code roundLength} apart, slates of
 * {@code k}, final evaluation over the last {@code evaluationRounds} rounds.
 */
public record RunConfig(long seed, int rounds, int k, int evaluationRounds, Duration roundLength,
                        RewardWeights weights) {

    public RunConfig {
        if (rounds <= 0) throw new IllegalArgumentException("rounds must be > 0, got " + rounds);
        if (k <= 0) throw new IllegalArgumentException("k must be > 0, got " + k);
        if (evaluationRounds <= 0 || evaluationRounds > rounds) {
            throw new IllegalArgumentException("evaluationRounds must be in [1, rounds], got " + evaluationRounds);
        }
        if (roundLength == null || roundLength.isNegative()) {
            throw new IllegalArgumentException("roundLength must be >= 0");
        }
        if (weights == null) throw new IllegalArgumentException("weights are required");
    }

    /** 40 rounds six hours apart: ten days, the default world's publication horizon. */
    public static RunConfig defaults(long seed) {
        return new RunConfig(seed, 40, 5, 10, Duration.ofHours(6), RewardWeights.defaults());
    }

    public RunConfig withRounds(int rounds, int evaluationRounds) {
        return new RunConfig(seed, rounds, k, evaluationRounds, roundLength, weights);
    }
}
