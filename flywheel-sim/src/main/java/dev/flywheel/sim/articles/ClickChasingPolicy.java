package dev.flywheel.sim.articles;

/**
 * Ranks by the smoothed click rate per impression it has observed. It optimises the proxy, not the
 * goal, and so falls into the clickbait trap: many clicks, few likes, many dislikes.
 */
public final class ClickChasingPolicy extends SmoothedRatePolicy {

    public ClickChasingPolicy(double priorStrength, long seed) {
        super(priorStrength, Reaction.CLICK, seed);
    }

    @Override
    String name() {
        return "click-chasing";
    }
}
