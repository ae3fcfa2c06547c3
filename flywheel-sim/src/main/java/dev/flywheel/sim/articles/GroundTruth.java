package dev.flywheel.sim.articles;

/**
 * The hidden reaction model of the article world, as pure functions. All probabilities are
 * conditional on the previous step of the cascade: examined (position bias only) → clicked
 * (match + clickbait boost) → like / dislike / neither (match and quality; clickbait mostly
 * disappoints after the click).
 */
public final class GroundTruth {
    /** After a click on clickbait, most users feel cheated whatever the topic. */
    static final double CLICKBAIT_DISLIKE = 0.75;

    private GroundTruth() { }

    /** Mean preference of the user for the article's topics, in [0,1]. */
    public static double match(User user, Article article) {
        double sum = 0;
        for (int t : article.topics()) sum += user.preference(t);
        return sum / article.topics().size();
    }

    /** Examination probability of a slot (1-based): the usual 1/log2(pos+1) position bias. */
    public static double examination(int position) {
        if (position < 1) throw new IllegalArgumentException("position is 1-based, got " + position);
        return 1.0 / (Math.log(position + 1) / Math.log(2));
    }

    public static double clickGivenExamined(User user, Article article) {
        double boost = article.clickbait() ? 0.35 : 0;
        return clamp(0.04 + 0.5 * match(user, article) + boost, 0.95);
    }

    public static double likeGivenClick(User user, Article article) {
        double m = match(user, article);
        if (article.clickbait()) return 0.04 + 0.12 * m;
        return clamp(0.1 + 0.8 * m * (0.35 + 0.65 * article.quality()), 0.95);
    }

    public static double dislikeGivenClick(User user, Article article) {
        if (article.clickbait()) return CLICKBAIT_DISLIKE;
        double m = match(user, article);
        return (1 - likeGivenClick(user, article)) * (0.05 + 0.45 * (1 - article.quality()) * (1 - m));
    }

    /** Dwell seconds from one uniform draw: long when liked, short when disliked. */
    static double dwellSeconds(boolean liked, boolean disliked, double u) {
        if (liked) return 40 + 120 * u;
        if (disliked) return 2 + 10 * u;
        return 10 + 50 * u;
    }

    private static double clamp(double p, double max) {
        return Math.max(0, Math.min(max, p));
    }
}
