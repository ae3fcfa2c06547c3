package dev.flywheel.sim.shop;

/**
 * Sums over sessions: how many, how many bought something, realised revenue and the world's
 * expected revenue of the slates served. Expected revenue is the noise-free yardstick; realised
 * revenue is what the engine's own statistics see.
 */
public record Tally(long sessions, long purchasingSessions, double revenue, double expectedRevenue) {
    public static final Tally EMPTY = new Tally(0, 0, 0, 0);

    public Tally {
        if (sessions < 0 || purchasingSessions < 0 || purchasingSessions > sessions) {
            throw new IllegalArgumentException("need 0 <= purchasingSessions <= sessions, got "
                    + purchasingSessions + " of " + sessions);
        }
        if (!(revenue >= 0) || !(expectedRevenue >= 0)) throw new IllegalArgumentException("revenues must be >= 0");
    }

    public Tally plus(ShopSession s) {
        return new Tally(sessions + 1, purchasingSessions + (s.purchased() ? 1 : 0), revenue + s.revenue(),
                expectedRevenue + s.expectedRevenue());
    }

    /** NaN before the first session, as a mean of nothing is. */
    public double revenuePerSession() {
        return revenue / sessions;
    }

    public double expectedRevenuePerSession() {
        return expectedRevenue / sessions;
    }

    public double purchaseRate() {
        return (double) purchasingSessions / sessions;
    }
}
