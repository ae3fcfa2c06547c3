package dev.flywheel.stats;

/**
 * The distribution of the evaluated (target) policy over actions in each context: what the direct
 * method and DR average the reward model over. Not a policy itself: the analysis package turns its
 * target policies into this marginal.
 */
@FunctionalInterface
public interface ActionDistribution {
    double probability(int context, int action);
}
