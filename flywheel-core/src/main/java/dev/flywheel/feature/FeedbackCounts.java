package dev.flywheel.feature;

/** Decayed feedback counts of one item (or of all items) as of one instant. */
public record FeedbackCounts(double impressions, double clicks, double likes, double dislikes) {
    /** The raw rate of {@code part} per impression, 0 without impressions: the prior of the smoothing. */
    public static double rawRate(double part, double impressions) {
        return impressions > 0 ? Math.min(1, part / impressions) : 0;
    }

    /**
     * The times the item was seen: a reaction implies an exposure whether or not one was logged (a
     * product may send likes without impressions), so rates per exposure stay within [0, 1].
     */
    public double exposures() {
        return Math.max(impressions, Math.max(clicks, likes + dislikes));
    }
}
