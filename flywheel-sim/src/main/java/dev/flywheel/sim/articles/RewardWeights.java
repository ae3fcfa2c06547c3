package dev.flywheel.sim.articles;

/** The loop's reward: a weight per reaction. An ignore is an examined slot without a click. */
public record RewardWeights(double like, double click, double dislike, double ignore) {

    public RewardWeights {
        for (double w : new double[] {like, click, dislike, ignore}) {
            if (!Double.isFinite(w)) throw new IllegalArgumentException("reward weights must be finite");
        }
    }

    public static RewardWeights defaults() {
        return new RewardWeights(1.0, 0.2, -1.0, -0.05);
    }

    public double of(SlotReaction slot) {
        double r = 0;
        if (slot.ignored()) r += ignore;
        if (slot.clicked()) r += click;
        if (slot.liked()) r += like;
        if (slot.disliked()) r += dislike;
        return r;
    }
}
