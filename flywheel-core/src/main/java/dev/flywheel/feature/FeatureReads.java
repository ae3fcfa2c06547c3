package dev.flywheel.feature;

import dev.flywheel.feature.FeatureValues.Name;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The read path of a loop's feedback features over any {@link FeatureStateSource}: the values of
 * many items for one user at one time. The embedded features read their own maps through it; a
 * server of the distributed shape reads the state the Flink job keeps in PostgreSQL. From the same
 * states both answer the same values, bit for bit.
 *
 * <p>One read asks the source for the global state, the user's and each candidate's; a source that
 * is not one consistent state (a cache over a table written as the job flushes) answers each key as
 * of its own flush.
 */
public final class FeatureReads {
    /** Few impressions per (user, topic): a light prior, or a user's first like would not count. */
    private static final double USER_TOPIC_PRIOR = 5;
    private static final double USER_ITEM_PRIOR = 2;
    /** One pseudo-value of the global mean: a product's price is usually all its values say. */
    private static final double VALUE_PRIOR = 1;
    private static final SeenItems NOTHING_SEEN = new SeenItems();
    private final FeatureSettings settings;
    private final Function<String, Map<String, Double>> termVectors;
    private final FeatureStateSource source;
    private final ItemVectors shapes;
    /** Stands for every item, user topic and user without feedback yet; never updated. */
    private final ItemFeedback none;

    /** @param termVectors an item's sparse term/topic vector (empty when unknown), from the catalog */
    public FeatureReads(FeatureSettings settings, Function<String, Map<String, Double>> termVectors, FeatureStateSource source) {
        this(settings, termVectors, source, new ItemVectors());
    }

    FeatureReads(FeatureSettings settings, Function<String, Map<String, Double>> termVectors, FeatureStateSource source,
                 ItemVectors shapes) {
        if (termVectors == null) throw new IllegalArgumentException("termVectors is required");
        this.settings = settings;
        this.termVectors = termVectors;
        this.source = source;
        this.shapes = shapes;
        this.none = new ItemFeedback(settings.halfLife());
    }

    public Duration halfLife() {
        return settings.halfLife();
    }

    /**
     * Values as of {@code asked}, or as of the newest feedback when {@code asked} is later (see
     * {@link InMemoryFeedbackFeatures#read}), each item's handed to {@code sink} in order.
     */
    public void read(String user, Instant asked, List<String> items, FeedbackFeatures.ItemValues sink) {
        GlobalState g = source.global();
        Instant newest = g.newest();
        Instant at = g.answerable(newest != null && asked.isAfter(newest) ? newest : asked);
        ProfileSnapshot profile = profile(source.user(user), g, at);
        FeatureValues values = new FeatureValues();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            sink.accept(i, item, features(item, termVectors.apply(item), at, profile, g, values));
        }
    }

    /** Named feature values of {@code item} for {@code user} as of {@code now}, in a stable order. */
    public FeatureValues features(String user, String item, Map<String, Double> termVector, Instant now) {
        GlobalState g = source.global();
        Instant at = g.answerable(now);
        return features(item, termVector, at, profile(source.user(user), g, at), g, new FeatureValues());
    }

    private ProfileSnapshot profile(UserState user, GlobalState g, Instant now) {
        UserProfile p = user == null ? null : user.profile;
        Map<String, Double> profile = p == null ? Map.of() : p.at(now);
        TermWeights terms = new TermWeights(profile.size());
        double n = 0;
        double topicScale = 0;
        for (var e : profile.entrySet()) {
            terms.put(shapes.id(e.getKey()), e.getValue());
            n += e.getValue() * e.getValue();
            if (e.getKey().startsWith(FeedbackFeatures.TOPIC)) topicScale = Math.max(topicScale, Math.abs(e.getValue()));
        }
        FeedbackCounts global = (g.counts() == null ? none : g.counts()).at(now);
        if (user == null) return new ProfileSnapshot(terms, Math.sqrt(n), global, topicScale, NOTHING_SEEN, Map.of(), Map.of());
        return new ProfileSnapshot(terms, Math.sqrt(n), global, topicScale, user.seenOrNothing(), user.topicsOrNone(),
                user.itemsOrNone());
    }

    /**
     * The values with the user's profile already taken, written into {@code out} (every value is
     * set): a decision ranks many candidates with one profile and one {@link FeatureValues}.
     */
    private FeatureValues features(String item, Map<String, Double> termVector, Instant now, ProfileSnapshot profile,
                                   GlobalState g, FeatureValues out) {
        ItemState state = source.item(item);
        ItemFeedback counts = state == null || state.counts() == null ? none : state.counts();
        FeedbackCounts c = counts.at(now);
        ItemFeedback.ItemRates r = ItemFeedback.rates(c, profile.global(), settings.priorStrength());
        SeenItems s = profile.seen();
        out.set(Name.ITEM_IMPRESSIONS, c.exposures());
        out.set(Name.ITEM_CLICKS, c.clicks());
        out.set(Name.ITEM_LIKES, c.likes());
        out.set(Name.ITEM_DISLIKES, c.dislikes());
        out.set(Name.ITEM_CLICK_RATE, r.click());
        out.set(Name.ITEM_LIKE_RATE, r.like());
        out.set(Name.ITEM_DISLIKE_RATE, r.dislike());
        ItemVectors.Shape shape = shapes.of(item, termVector);
        out.set(Name.USER_AFFINITY, profile.cosine(shape));
        out.set(Name.TOPIC_AFFINITY, profile.topicAffinity(shape));
        userTopicRates(profile.topics(), shape, now, profile.global(), out);
        userItemRate(profile.items(), item, now, out);
        out.set(Name.SEEN, s.wasShown(item, now) ? 1.0 : 0.0);
        out.set(Name.JUDGED, s.wasJudged(item, now) ? 1.0 : 0.0);
        out.set(Name.ELIGIBLE, s.eligible(item, now) ? 1.0 : 0.0);
        ItemValue paid = state == null ? null : state.value();
        out.set(Name.ITEM_VALUE, paid == null || g.value() == null ? 0 : paid.logRatio(now, g.value(), VALUE_PRIOR));
        return out;
    }

    /** This user's own history with the item, smoothed toward the user's rate on its topics. */
    private void userItemRate(Map<String, ItemFeedback> userItems, String item, Instant now, FeatureValues out) {
        ItemFeedback mine = userItems.get(item);
        double prior = out.get(Name.USER_TOPIC_LIKE_RATE);
        if (mine == null) {
            out.set(Name.USER_ITEM_IMPRESSIONS, 0.0);
            out.set(Name.USER_ITEM_LIKE_RATE, prior);
            return;
        }
        // one like in two showings says a lot, so the prior is light
        FeedbackCounts uc = mine.at(now);
        out.set(Name.USER_ITEM_IMPRESSIONS, uc.exposures());
        out.set(Name.USER_ITEM_LIKE_RATE, (uc.likes() + USER_ITEM_PRIOR * prior) / (uc.exposures() + USER_ITEM_PRIOR));
    }

    private void userTopicRates(Map<String, ItemFeedback> mine, ItemVectors.Shape item, Instant now, FeedbackCounts global,
                                FeatureValues out) {
        double like = 0;
        double dislike = 0;
        int n = 0;
        for (String term : item.topics()) {
            ItemFeedback.ItemRates r = mine.getOrDefault(term, none).rates(now, global, USER_TOPIC_PRIOR);
            like += r.like();
            dislike += r.dislike();
            n++;
        }
        ItemFeedback.ItemRates prior = n == 0 ? none.rates(now, global, USER_TOPIC_PRIOR) : null;
        out.set(Name.USER_TOPIC_LIKE_RATE, n == 0 ? prior.like() : like / n);
        out.set(Name.USER_TOPIC_DISLIKE_RATE, n == 0 ? prior.dislike() : dislike / n);
    }
}
