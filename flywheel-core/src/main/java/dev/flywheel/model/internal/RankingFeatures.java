package dev.flywheel.model.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the feedback features of a (user, item) into the inputs of the logistic models: rates on
 * the log-odds scale (what a logistic model adds up), counts on a log scale, freshness, and the
 * position the item was (or would be) shown at, so that position bias is learned as its own weight
 * instead of leaking into the item's.
 */
public final class RankingFeatures {
    private static final double FRESHNESS_HOURS = 72;

    private RankingFeatures() { }

    public static Map<String, Double> of(Map<String, Double> feedback, Instant published, Instant now, int position) {
        Map<String, Double> f = new HashMap<>(16);
        double affinity = feedback.getOrDefault("user_affinity", 0.0);
        f.put("bias", 1.0);
        f.put("affinity", affinity);
        f.put("affinity_pos", Math.max(0, affinity) * 3);
        f.put("affinity_sq", affinity * Math.abs(affinity) * 3);
        double topic = feedback.getOrDefault("topic_affinity", 0.0);
        f.put("topic_affinity", topic);
        f.put("topic_affinity_pos", Math.max(0, topic) * 2);
        f.put("user_topic_like_logit", logit(feedback.getOrDefault("user_topic_like_rate", 0.0)));
        f.put("user_topic_dislike_logit", logit(feedback.getOrDefault("user_topic_dislike_rate", 0.0)));
        f.put("like_logit", logit(feedback.getOrDefault("item_like_rate", 0.0)));
        f.put("dislike_logit", logit(feedback.getOrDefault("item_dislike_rate", 0.0)));
        f.put("click_logit", logit(feedback.getOrDefault("item_click_rate", 0.0)));
        f.put("impressions_log", Math.log1p(feedback.getOrDefault("item_impressions", 0.0)));
        f.put("seen", feedback.getOrDefault("seen", 0.0));
        f.put("user_item_like_logit", logit(feedback.getOrDefault("user_item_like_rate", 0.0)));
        // judged and still eligible means liked: what the user said about this very item
        f.put("judged", feedback.getOrDefault("judged", 0.0));
        if (published != null) {
            double hours = Math.max(0, Duration.between(published, now).toMinutes() / 60.0);
            f.put("freshness", Math.exp(-hours / FRESHNESS_HOURS));
        }
        f.put("position_" + Math.min(position, 10), 1.0);
        return f;
    }

    private static double logit(double p) {
        double q = Math.min(0.999, Math.max(0.001, p));
        return Math.log(q / (1 - q));
    }
}
