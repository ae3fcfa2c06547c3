package dev.flywheel.feature;

import java.time.Duration;
import java.time.Instant;

/** Decayed impressions, clicks, likes and dislikes of one item (or, in the facade, of all items). */
public final class ItemFeedback extends Compactable {
    private final DecayedCount impressions;
    private final DecayedCount clicks;
    private final DecayedCount likes;
    private final DecayedCount dislikes;

    public ItemFeedback(Duration halfLife) {
        impressions = new DecayedCount(halfLife);
        clicks = new DecayedCount(halfLife);
        likes = new DecayedCount(halfLife);
        dislikes = new DecayedCount(halfLife);
    }

    public void impression(Instant at) {
        impressions.add(at, 1);
    }

    /** Counts click, like and dislike; other event types do not feed these rates. */
    public void reaction(String type, Instant at) {
        switch (type) {
            case "click" -> clicks.add(at, 1);
            case "like" -> likes.add(at, 1);
            case "dislike" -> dislikes.add(at, 1);
            default -> { }
        }
    }

    void writeState(dev.flywheel.state.StateWriter out) {
        for (DecayedCount c : new DecayedCount[] {impressions, clicks, likes, dislikes}) c.writeState(out);
    }

    void readState(dev.flywheel.state.StateReader in) {
        for (DecayedCount c : new DecayedCount[] {impressions, clicks, likes, dislikes}) c.readState(in);
    }

    public FeedbackCounts at(Instant t) {
        return new FeedbackCounts(impressions.countAt(t), clicks.countAt(t), likes.countAt(t), dislikes.countAt(t));
    }

    /** Takes away {@code part}'s counts (one user's share of these), see {@link DecayedCount#subtract}. */
    public void subtract(ItemFeedback part) {
        impressions.subtract(part.impressions);
        clicks.subtract(part.clicks);
        likes.subtract(part.likes);
        dislikes.subtract(part.dislikes);
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
        return impressions.pendingUpdates() + clicks.pendingUpdates() + likes.pendingUpdates() + dislikes.pendingUpdates() > 0;
    }

    @Override
    public long oldestHeldMillis() {
        return Math.min(Math.min(impressions.oldestHeldMillis(), clicks.oldestHeldMillis()),
                Math.min(likes.oldestHeldMillis(), dislikes.oldestHeldMillis()));
    }

    @Override
    public void compact(Instant horizon) {
        impressions.compact(horizon);
        clicks.compact(horizon);
        likes.compact(horizon);
        dislikes.compact(horizon);
    }
}
