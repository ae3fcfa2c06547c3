package dev.flywheel.feature;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Decayed impressions, clicks, likes and dislikes of one item (or, in the facade, of all items).
 * Each count is null until its first update: a history holds one of these per user and item shown,
 * most never clicked, liked or disliked, and each empty count was an object for the collector to
 * walk (docs/performance.md). An absent count writes and reads as an empty one (the same bytes).
 */
public final class ItemFeedback extends Compactable {
    private final Duration halfLife;
    private DecayedCount impressions;
    private DecayedCount clicks;
    private DecayedCount likes;
    private DecayedCount dislikes;

    public ItemFeedback(Duration halfLife) {
        this.halfLife = DecayedCount.positive(halfLife);
    }

    public void impression(Instant at) {
        if (impressions == null) impressions = new DecayedCount(halfLife);
        impressions.add(at, 1);
    }

    /** Counts click, like and dislike; other event types do not feed these rates. */
    public void reaction(String type, Instant at) {
        switch (type) {
            case "click" -> (clicks == null ? clicks = new DecayedCount(halfLife) : clicks).add(at, 1);
            case "like" -> (likes == null ? likes = new DecayedCount(halfLife) : likes).add(at, 1);
            case "dislike" -> (dislikes == null ? dislikes = new DecayedCount(halfLife) : dislikes).add(at, 1);
            default -> { }
        }
    }

    void writeState(StateWriter out) {
        write(impressions, out);
        write(clicks, out);
        write(likes, out);
        write(dislikes, out);
    }

    private static void write(DecayedCount c, StateWriter out) {
        if (c == null) DecayedCount.writeNone(out);
        else c.writeState(out);
    }

    void readState(StateReader in) {
        impressions = DecayedCount.readOrNull(in, halfLife);
        clicks = DecayedCount.readOrNull(in, halfLife);
        likes = DecayedCount.readOrNull(in, halfLife);
        dislikes = DecayedCount.readOrNull(in, halfLife);
    }

    public FeedbackCounts at(Instant t) {
        return new FeedbackCounts(count(impressions, t), count(clicks, t), count(likes, t), count(dislikes, t));
    }

    private static double count(DecayedCount c, Instant t) {
        return c == null ? 0 : c.countAt(t);
    }

    /** Takes away {@code part}'s counts (one user's share of these), see {@link DecayedCount#subtract}. */
    public void subtract(ItemFeedback part) {
        impressions = subtract(impressions, part.impressions);
        clicks = subtract(clicks, part.clicks);
        likes = subtract(likes, part.likes);
        dislikes = subtract(dislikes, part.dislikes);
    }

    private DecayedCount subtract(DecayedCount mine, DecayedCount part) {
        if (part == null) return mine;
        DecayedCount c = mine == null ? new DecayedCount(halfLife) : mine;
        c.subtract(part);
        return c;
    }

    /**
     * Click, like and dislike rates per impression, each smoothed toward the same rate of
     * {@code global} with {@code strength} pseudo-impressions.
     */
    public ItemRates rates(Instant t, FeedbackCounts global, double strength) {
        return rates(at(t), global, strength);
    }

    /** The same rates from counts already taken with {@link #at(Instant)}. */
    public static ItemRates rates(FeedbackCounts c, FeedbackCounts global, double strength) {
        double n = c.exposures();
        double g = global.exposures();
        return new ItemRates(
                new SmoothedRate(FeedbackCounts.rawRate(global.clicks(), g), strength).rate(c.clicks(), n),
                new SmoothedRate(FeedbackCounts.rawRate(global.likes(), g), strength).rate(c.likes(), n),
                new SmoothedRate(FeedbackCounts.rawRate(global.dislikes(), g), strength).rate(c.dislikes(), n));
    }

    public record ItemRates(double click, double like, double dislike) { }

    @Override
    public boolean holdsUpdates() {
        return pending(impressions) + pending(clicks) + pending(likes) + pending(dislikes) > 0;
    }

    private static int pending(DecayedCount c) {
        return c == null ? 0 : c.pendingUpdates();
    }

    @Override
    public long oldestHeldMillis() {
        return Math.min(Math.min(oldest(impressions), oldest(clicks)), Math.min(oldest(likes), oldest(dislikes)));
    }

    private static long oldest(DecayedCount c) {
        return c == null ? Long.MAX_VALUE : c.oldestHeldMillis();
    }

    @Override
    public void compact(Instant horizon) {
        if (impressions != null) impressions.compact(horizon);
        if (clicks != null) clicks.compact(horizon);
        if (likes != null) likes.compact(horizon);
        if (dislikes != null) dislikes.compact(horizon);
    }
}
