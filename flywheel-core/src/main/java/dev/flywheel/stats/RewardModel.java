package dev.flywheel.stats;

/** A fitted estimate of the expected reward of {@code action} in {@code context}. */
@FunctionalInterface
public interface RewardModel {
    double predict(int context, int action);
}
