package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A forgotten user's impressions, clicks, likes, dislikes and payments no longer count anywhere: the
 * features equal those of a second store fed the same history without that user, at any time both
 * can answer, for every user (the forgotten one included: their own state is gone) and item.
 */
class ForgottenUserTest {
    private static final Instant T = Instant.parse("2026-11-27T00:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final FeatureSettings SHOP = new FeatureSettings(Duration.ofHours(1), 2, Map.of("purchase", "like"), Set.of("purchase"));
    private static final String BOT = "bot";
    private static final String PUSHED = "i0";
    private static final List<String> ITEMS = List.of("i0", "i1", "i2", "i3", "i4", "i5", "i6", "i7");
    private static final List<String> USERS = List.of("p0", "p1", "p2", "p3", "p4", BOT);
    private final Map<String, Map<String, Double>> catalog = new HashMap<>();
    private final InMemoryFeedbackFeatures all = store();
    private final InMemoryFeedbackFeatures without = store();
    private final Random random = new Random(11);
    private int ids;

    private InMemoryFeedbackFeatures store() {
        return new InMemoryFeedbackFeatures(SHOP, i -> catalog.getOrDefault(i, Map.of()));
    }

    @Test
    void aForgottenUsersFeedbackNoLongerCountsInItemOrGlobalFeatures() {
        for (int i = 0; i < ITEMS.size(); i++) {
            catalog.put(ITEMS.get(i), Map.of("topic:t" + i % 3, 1.0, "word" + i, 0.5, "word" + (i + 1), 0.5));
        }
        Instant forgetAt = T.plus(Duration.ofHours(3));
        feed(T, forgetAt, true);
        Instant mid = forgetAt.minus(Duration.ofMinutes(5));
        assertTrue(all.features("p0", PUSHED, catalog.get(PUSHED), mid).get("item_like_rate")
                > without.features("p0", PUSHED, catalog.get(PUSHED), mid).get("item_like_rate") + 0.05, "the bot pushed i0");

        all.forget(BOT);
        assertSameFeatures(forgetAt);
        feed(forgetAt, forgetAt.plus(Duration.ofHours(2)), false); // the caller leaves the bot out from now on
        assertSameFeatures(forgetAt.plus(Duration.ofHours(2)));
    }

    /**
     * Every value of every (user, item) at six times from 20 to 10 minutes before {@code end}: after the
     * compaction horizon, and before the newest update of either store (later reads are answered as
     * of it, and the bot may have been last in one of them).
     */
    private void assertSameFeatures(Instant end) {
        Instant from = end.minus(Duration.ofMinutes(20));
        Instant to = end.minus(Duration.ofMinutes(10));
        for (int k = 0; k <= 5; k++) {
            Instant at = from.plus(Duration.between(from, to).multipliedBy(k).dividedBy(5));
            for (String user : USERS) {
                for (String item : ITEMS) {
                    FeatureValues expected = without.features(user, item, catalog.get(item), at);
                    FeatureValues actual = all.features(user, item, catalog.get(item), at);
                    for (String name : expected.keySet()) {
                        double e = expected.get(name);
                        assertEquals(e, actual.get(name), 1e-9 * Math.max(1, Math.abs(e)), user + " " + item + " " + name + " at " + at);
                    }
                }
            }
        }
    }

    /**
     * A decision of three items a minute for a random user, with the users' reactions (the bot clicks
     * nearly all and likes and buys the pushed item), ignores known when the window closes, and the
     * compaction {@link FeatureFeed} does; {@code without} gets all of it except the bot's.
     */
    private void feed(Instant from, Instant to, boolean withBot) {
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            String user = USERS.get(random.nextInt(withBot ? USERS.size() : USERS.size() - 1));
            List<String> shown = shown(user);
            List<ServedItem> served = new ArrayList<>();
            for (int p = 0; p < shown.size(); p++) served.add(new ServedItem(shown.get(p), p + 1, null, 1.0 / 3));
            String d = "d" + ids++;
            List<LoggedRecord> records = new ArrayList<>();
            records.add(new Decision(d, "feed", user, t, "m1", "champion", null, 0, served, List.of(), null, List.of()));
            for (String item : shown) records.addAll(reactions(user, d, item, t));
            for (LoggedRecord r : records) {
                apply(all, r);
                if (!user.equals(BOT)) apply(without, r);
            }
            if (random.nextInt(4) == 0) ignored(user, d, shown.get(2), t);
            if (t.getEpochSecond() % 600 == 0) {
                all.compact(t.minus(WINDOW));
                without.compact(t.minus(WINDOW));
            }
        }
    }

    private List<String> shown(String user) {
        List<String> out = new ArrayList<>();
        if (user.equals(BOT)) out.add(PUSHED);
        while (out.size() < 3) {
            String item = ITEMS.get(random.nextInt(ITEMS.size()));
            if (!out.contains(item)) out.add(item);
        }
        return out;
    }

    private List<Event> reactions(String user, String decision, String item, Instant t) {
        List<Event> out = new ArrayList<>();
        boolean bot = user.equals(BOT);
        // an impression event that names no decision is an exposure of its own, as a product's history sends
        if (random.nextInt(10) == 0) out.add(event("impression", user, null, item, t.plusSeconds(1), null));
        if (!(bot ? random.nextDouble() < 0.9 : random.nextDouble() < 0.3)) return out;
        out.add(event("click", user, decision, item, t.plusSeconds(2), null));
        if (bot && item.equals(PUSHED) || !bot && random.nextDouble() < 0.3) {
            out.add(event("like", user, decision, item, t.plusSeconds(5), null));
        } else if (!bot && random.nextDouble() < 0.2) {
            out.add(event("dislike", user, decision, item, t.plusSeconds(5), null));
        }
        if (bot && item.equals(PUSHED) || random.nextDouble() < 0.05) {
            out.add(event("purchase", user, decision, item, t.plusSeconds(7), 10.0 + random.nextInt(90)));
        }
        return out;
    }

    private Event event(String type, String user, String decision, String item, Instant at, Double value) {
        return new Event("e" + ids++, type, at, user, null, decision, "feed", item, value, null);
    }

    private void ignored(String user, String decision, String item, Instant t) {
        Outcome o = new Outcome(decision, "feed", user, item, 3, null, null, "m1", "champion", t, 3, List.of(), 0, true, 0);
        all.onOutcome(o, t.plus(WINDOW));
        if (!user.equals(BOT)) without.onOutcome(o, t.plus(WINDOW));
    }

    private static void apply(InMemoryFeedbackFeatures f, LoggedRecord r) {
        if (r instanceof Decision d) f.onDecision(d);
        else f.onEvent((Event) r);
    }
}
