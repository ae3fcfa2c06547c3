package dev.flywheel.stats;

/** The policy being evaluated: its probability of choosing {@code action} in {@code context}. */
@FunctionalInterface
public interface TargetPolicy {
    double probability(int context, int action);
}
