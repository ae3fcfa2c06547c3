package dev.flywheel.sim.articles;

/** Ranks by the smoothed like rate per impression it has observed: the same top list for everyone. */
public final class PopularityPolicy extends SmoothedRatePolicy {

    public PopularityPolicy(double priorStrength, long seed) {
        super(priorStrength, Reaction.LIKE, seed);
    }

    @Override
    String name() {
        return "popularity";
    }
}
