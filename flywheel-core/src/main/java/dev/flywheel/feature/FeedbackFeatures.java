package dev.flywheel.feature;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The feedback features of one loop, kept up to date from decisions, events and outcomes, and asked
 * for the named values a ranker uses (also the {@code explain} output of a decision).
 *
 * <p>Each update carries the time it became true: an impression at its decision's time, a reaction
 * at its event's time, an ignore at the end of its window (only then is it known). A value asked for
 * time t uses updates stamped at or before t, whatever order they arrived in.
 */
public final class FeedbackFeatures {
    private static final Set<String> JUDGEMENTS = Set.of("like", "dislike", "rating", "dismiss");

    private final Duration halfLife;
    private final double priorStrength;
    private final Function<String, Map<String, Double>> termVectors;
    private final ItemFeedback global;
    private final Map<String, ItemFeedback> items = new HashMap<>();
    private final Map<String, UserProfile> profiles = new HashMap<>();
    private final Map<String, SeenItems> seen = new HashMap<>();

    /**
     * @param priorStrength pseudo-impressions of the global rate in every item's smoothed rates
     * @param termVectors   an item's sparse term/topic vector (empty when unknown), from the catalog
     */
    public FeedbackFeatures(Duration halfLife, double priorStrength, Function<String, Map<String, Double>> termVectors) {
        if (!(priorStrength > 0 && Double.isFinite(priorStrength))) {
            throw new IllegalArgumentException("priorStrength must be positive");
        }
        if (termVectors == null) throw new IllegalArgumentException("termVectors is required");
        this.global = new ItemFeedback(halfLife);
        this.halfLife = halfLife;
        this.priorStrength = priorStrength;
        this.termVectors = termVectors;
    }

    public void onDecision(Decision d) {
        for (ServedItem s : d.items()) {
            item(s.item()).impression(d.timestamp());
            global.impression(d.timestamp());
            seen(d.user()).shown(s.item(), d.timestamp());
        }
    }

    public void onEvent(Event e) {
        if (e.item() == null) return;
        item(e.item()).reaction(e.type(), e.timestamp());
        global.reaction(e.type(), e.timestamp());
        if (JUDGEMENTS.contains(e.type())) seen(e.user()).judged(e.item(), "dislike".equals(e.type()), e.timestamp());
        double w = switch (e.type()) {
            case "like" -> UserProfile.LIKE;
            case "dislike" -> UserProfile.DISLIKE;
            default -> 0;
        };
        if (w != 0) profile(e.user()).add(termVectors.apply(e.item()), w, e.timestamp());
    }

    /** Only ignores are taken from outcomes; {@code knownAt} is when its window closed. */
    public void onOutcome(Outcome o, Instant knownAt) {
        if (o.ignored()) profile(o.user()).add(termVectors.apply(o.item()), UserProfile.IGNORE, knownAt);
    }

    /** Named feature values of {@code item} for {@code user} as of {@code now}, in a stable order. */
    public Map<String, Double> features(String user, String item, Map<String, Double> termVector, Instant now) {
        ItemFeedback f = items.getOrDefault(item, new ItemFeedback(halfLife));
        FeedbackCounts c = f.at(now);
        ItemFeedback.ItemRates r = f.rates(now, global.at(now), priorStrength);
        SeenItems s = seen.getOrDefault(user, new SeenItems());
        UserProfile p = profiles.get(user);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("item_impressions", c.impressions());
        out.put("item_clicks", c.clicks());
        out.put("item_likes", c.likes());
        out.put("item_dislikes", c.dislikes());
        out.put("item_click_rate", r.click());
        out.put("item_like_rate", r.like());
        out.put("item_dislike_rate", r.dislike());
        out.put("user_affinity", p == null ? 0 : p.cosine(termVector, now));
        out.put("seen", s.wasShown(item, now) ? 1.0 : 0.0);
        out.put("judged", s.wasJudged(item, now) ? 1.0 : 0.0);
        out.put("eligible", s.eligible(item, now) ? 1.0 : 0.0);
        return out;
    }

    public boolean eligible(String user, String item, Instant now) {
        SeenItems s = seen.get(user);
        return s == null || s.eligible(item, now);
    }

    /** Bounds memory: values before {@code horizon} can no longer be asked for. */
    public void compact(Instant horizon) {
        global.compact(horizon);
        items.values().forEach(i -> i.compact(horizon));
        profiles.values().forEach(p -> p.compact(horizon));
    }

    private ItemFeedback item(String id) {
        return items.computeIfAbsent(id, k -> new ItemFeedback(halfLife));
    }

    private UserProfile profile(String user) {
        return profiles.computeIfAbsent(user, k -> new UserProfile(halfLife));
    }

    private SeenItems seen(String user) {
        return seen.computeIfAbsent(user, k -> new SeenItems());
    }
}
