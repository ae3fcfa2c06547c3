package dev.flywheel.model.internal;

import static dev.flywheel.model.internal.RankingFeatures.Feature.AFFINITY;
import static dev.flywheel.model.internal.RankingFeatures.Feature.AFFINITY_POS;
import static dev.flywheel.model.internal.RankingFeatures.Feature.AFFINITY_SQ;
import static dev.flywheel.model.internal.RankingFeatures.Feature.BIAS;
import static dev.flywheel.model.internal.RankingFeatures.Feature.CLICK_LOGIT;
import static dev.flywheel.model.internal.RankingFeatures.Feature.DISLIKE_LOGIT;
import static dev.flywheel.model.internal.RankingFeatures.Feature.FACTORS;
import static dev.flywheel.model.internal.RankingFeatures.Feature.FRESHNESS;
import static dev.flywheel.model.internal.RankingFeatures.Feature.IMPRESSIONS_LOG;
import static dev.flywheel.model.internal.RankingFeatures.Feature.ITEM_TO_ITEM;
import static dev.flywheel.model.internal.RankingFeatures.Feature.ITEM_VALUE;
import static dev.flywheel.model.internal.RankingFeatures.Feature.JUDGED;
import static dev.flywheel.model.internal.RankingFeatures.Feature.LIKE_LOGIT;
import static dev.flywheel.model.internal.RankingFeatures.Feature.POSITION_1;
import static dev.flywheel.model.internal.RankingFeatures.Feature.SEEN;
import static dev.flywheel.model.internal.RankingFeatures.Feature.TOPIC_AFFINITY;
import static dev.flywheel.model.internal.RankingFeatures.Feature.TOPIC_AFFINITY_POS;
import static dev.flywheel.model.internal.RankingFeatures.Feature.USER_ITEM_LIKE_LOGIT;
import static dev.flywheel.model.internal.RankingFeatures.Feature.USER_TOPIC_DISLIKE_LOGIT;
import static dev.flywheel.model.internal.RankingFeatures.Feature.USER_TOPIC_LIKE_LOGIT;

import dev.flywheel.feature.FeatureValues;
import dev.flywheel.feature.FeatureValues.Name;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the feedback features of a (user, item) into the inputs of the logistic models: rates on
 * the log-odds scale (what a logistic model adds up), counts on a log scale, freshness, and the
 * position the item was (or would be) shown at, so that position bias is learned as its own weight
 * instead of leaking into the item's.
 *
 * <p>The inputs are one {@code double[]} per candidate, indexed by {@link Feature}: a model's
 * coordinate i is feature i, so scoring is a dot product instead of a hash lookup per name.
 */
public final class RankingFeatures {
    /**
     * The ranking features, in coordinate order: the one list to extend (then set the new one in
     * {@link #of}). The name (in explanations and {@link #NAMES}) is the constant in lower case.
     */
    public enum Feature {
        BIAS, AFFINITY, AFFINITY_POS, AFFINITY_SQ, TOPIC_AFFINITY, TOPIC_AFFINITY_POS, USER_TOPIC_LIKE_LOGIT,
        USER_TOPIC_DISLIKE_LOGIT, LIKE_LOGIT, DISLIKE_LOGIT, CLICK_LOGIT, IMPRESSIONS_LOG, SEEN, USER_ITEM_LIKE_LOGIT,
        JUDGED,
        /** The user's weighted mean item-to-item similarity to the item, and the factorisation's score. */
        ITEM_TO_ITEM, FACTORS,
        FRESHNESS,
        /**
         * log(the item's mean paid value / the mean over all items): what a value-paid reaction on
         * it is worth, relative to the average one ({@link dev.flywheel.model.RankerModel#score}).
         */
        ITEM_VALUE,
        /** One-hot position; positions past the last share it. */
        POSITION_1, POSITION_2, POSITION_3, POSITION_4, POSITION_5, POSITION_6, POSITION_7, POSITION_8, POSITION_9,
        POSITION_10;

        public final String key = name().toLowerCase(Locale.ROOT);
    }

    /** Absent unless set (no publication time; no paid values; the positions not shown at): left out of explanations when 0. */
    private static final Set<Feature> OPTIONAL = EnumSet.range(FRESHNESS, Feature.POSITION_10);
    private static final Feature[] ALL = Feature.values();
    public static final int SIZE = ALL.length;
    public static final List<String> NAMES = Arrays.stream(ALL).map(f -> f.key).toList();
    private static final int POSITIONS = SIZE - POSITION_1.ordinal();
    private static final double FRESHNESS_HOURS = 72;

    private RankingFeatures() { }

    public static double[] of(FeatureValues feedback, Instant published, Instant now, int position) {
        return fill(new double[SIZE], feedback, published, now, position);
    }

    /** {@link #of} into {@code f} (length {@link #SIZE}), so a decision reuses one array for all candidates. */
    public static double[] fill(double[] f, FeatureValues feedback, Instant published, Instant now, int position) {
        return fill(f, feedback, 0, 0, published, now, position);
    }

    /** As {@link #fill(double[], FeatureValues, Instant, Instant, int)}, with the collaborative scores. */
    public static double[] fill(double[] f, FeatureValues feedback, double itemToItem, double factors, Instant published,
                                Instant now, int position) {
        Arrays.fill(f, 0);
        double affinity = feedback.get(Name.USER_AFFINITY);
        set(f, BIAS, 1.0);
        set(f, AFFINITY, affinity);
        set(f, AFFINITY_POS, Math.max(0, affinity) * 3);
        set(f, AFFINITY_SQ, affinity * Math.abs(affinity) * 3);
        double topic = feedback.get(Name.TOPIC_AFFINITY);
        set(f, TOPIC_AFFINITY, topic);
        set(f, TOPIC_AFFINITY_POS, Math.max(0, topic) * 2);
        set(f, USER_TOPIC_LIKE_LOGIT, logit(feedback.get(Name.USER_TOPIC_LIKE_RATE)));
        set(f, USER_TOPIC_DISLIKE_LOGIT, logit(feedback.get(Name.USER_TOPIC_DISLIKE_RATE)));
        set(f, LIKE_LOGIT, logit(feedback.get(Name.ITEM_LIKE_RATE)));
        set(f, DISLIKE_LOGIT, logit(feedback.get(Name.ITEM_DISLIKE_RATE)));
        set(f, CLICK_LOGIT, logit(feedback.get(Name.ITEM_CLICK_RATE)));
        set(f, IMPRESSIONS_LOG, Math.log1p(feedback.get(Name.ITEM_IMPRESSIONS)));
        set(f, SEEN, feedback.get(Name.SEEN));
        set(f, USER_ITEM_LIKE_LOGIT, logit(feedback.get(Name.USER_ITEM_LIKE_RATE)));
        // judged and still eligible means liked: what the user said about this very item
        set(f, JUDGED, feedback.get(Name.JUDGED));
        set(f, ITEM_TO_ITEM, itemToItem);
        set(f, FACTORS, factors);
        set(f, ITEM_VALUE, feedback.get(Name.ITEM_VALUE));
        if (published != null) {
            double hours = Math.max(0, Duration.between(published, now).toMinutes() / 60.0);
            set(f, FRESHNESS, Math.exp(-hours / FRESHNESS_HOURS));
        }
        f[POSITION_1.ordinal() + Math.min(position, POSITIONS) - 1] = 1.0;
        return f;
    }

    public static double get(double[] f, Feature feature) {
        return f[feature.ordinal()];
    }

    /** The named values of {@code f} as explained to a client: set features only, coordinate order. */
    public static Map<String, Double> named(double[] f) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Feature feature : ALL) {
            double v = f[feature.ordinal()];
            if (v != 0 || !OPTIONAL.contains(feature)) out.put(feature.key, v);
        }
        return out;
    }

    private static void set(double[] f, Feature feature, double value) {
        f[feature.ordinal()] = value;
    }

    private static double logit(double p) {
        double q = Math.min(0.999, Math.max(0.001, p));
        return Math.log(q / (1 - q));
    }
}
