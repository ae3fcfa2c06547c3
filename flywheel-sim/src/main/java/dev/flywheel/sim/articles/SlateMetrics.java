package dev.flywheel.sim.articles;

/**
 * Counts and reward of served slates; rates are per impression (every shown slot is one).
 */
public record SlateMetrics(long impressions, long clicks, long likes, long dislikes, long ignores, double reward) {
    public static final SlateMetrics EMPTY = new SlateMetrics(0, 0, 0, 0, 0, 0);

    public SlateMetrics {
        if (impressions < 0 || clicks < 0 || likes < 0 || dislikes < 0 || ignores < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (clicks > impressions || likes + dislikes > clicks) {
            throw new IllegalArgumentException("need likes + dislikes <= clicks <= impressions");
        }
    }

    public SlateMetrics plus(SlotReaction slot, RewardWeights weights) {
        return new SlateMetrics(impressions + 1, clicks + (slot.clicked() ? 1 : 0), likes + (slot.liked() ? 1 : 0),
                dislikes + (slot.disliked() ? 1 : 0), ignores + (slot.ignored() ? 1 : 0), reward + weights.of(slot));
    }

    public SlateMetrics plus(SlateMetrics o) {
        return new SlateMetrics(impressions + o.impressions, clicks + o.clicks, likes + o.likes,
                dislikes + o.dislikes, ignores + o.ignores, reward + o.reward);
    }

    public double likeRate() {
        return rate(likes);
    }

    public double clickRate() {
        return rate(clicks);
    }

    public double dislikeRate() {
        return rate(dislikes);
    }

    public double rewardPerImpression() {
        return impressions == 0 ? 0 : reward / impressions;
    }

    private double rate(long n) {
        return impressions == 0 ? 0 : (double) n / impressions;
    }
}
