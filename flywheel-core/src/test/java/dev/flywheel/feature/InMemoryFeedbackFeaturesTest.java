package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryFeedbackFeaturesTest {
    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    static final Map<String, Map<String, Double>> CATALOG = Map.of(
            "a", Map.of("jazz", 1.0), "b", Map.of("golf", 1.0));
    static final Decision D = new Decision("d1", "feed", "u", T, "m1", "champion",
            List.of(new ServedItem("a", 1, null, 0.5), new ServedItem("b", 2, null, 0.5)), List.of(), null);
    static final Event LIKE = new Event("e1", "like", T.plusSeconds(10), "u", null, "d1", "feed", "a", null, null);

    static InMemoryFeedbackFeatures features() {
        return new InMemoryFeedbackFeatures(Duration.ofHours(1), 2, i -> CATALOG.getOrDefault(i, Map.of()));
    }

    @Test
    void aValueForTimeTUsesOnlyUpdatesStampedAtOrBeforeT() {
        InMemoryFeedbackFeatures f = features();
        f.onEvent(LIKE);        // arrives first, stamped later: must not leak into earlier answers
        f.onDecision(D);
        Map<String, Double> before = f.features("u", "a", CATALOG.get("a"), T.plusSeconds(5));
        assertEquals(0.0, before.get("item_likes"));
        assertEquals(0.0, before.get("user_affinity"));
        assertEquals(0.0, before.get("judged"));
        assertEquals(1.0, before.get("seen"));
        assertEquals(0.0, before.get("item_like_rate"), "no likes anywhere yet: prior 0");

        Map<String, Double> after = f.features("u", "a", CATALOG.get("a"), T.plusSeconds(10));
        assertEquals(1.0, after.get("item_likes"));
        // the impression has decayed to 2^(−10/3600) = 0.99808 while the like is fresh: a like implies an
        // exposure, so the item counts 1 exposure, not fewer than its likes
        double imp = 0.9980764435756287;
        assertEquals(1.0, after.get("item_impressions"), 1e-12);
        // global like rate 1/(2·0.99808) (two decayed impressions); item: (1 + 2·that) / (1 + 2)
        assertEquals((1 + 2 / (2 * imp)) / 3, after.get("item_like_rate"), 1e-12);
        assertEquals(1.0, after.get("user_affinity"), 1e-12);
        assertEquals(1.0, after.get("judged"));
        assertEquals(List.of("item_impressions", "item_clicks", "item_likes", "item_dislikes", "item_click_rate",
                "item_like_rate", "item_dislike_rate", "user_affinity", "topic_affinity", "user_topic_like_rate",
                "user_topic_dislike_rate", "user_item_impressions", "user_item_like_rate", "seen", "judged", "eligible",
                "item_value"),
                List.copyOf(after.keySet()));
    }

    /**
     * Each event carries its own copy of an item's id; kept as the key of every user's entries, the
     * copies were millions of objects, one per user and item, where the catalog has thousands.
     */
    @Test
    void everyUsersStateKeysAnItemByOneInstanceOfItsId() {
        InMemoryFeedbackFeatures f = features();
        f.onDecision(new Decision("d1", "feed", "u", T, "m1", "champion",
                List.of(new ServedItem(new String("a"), 1, null, 0.5)), List.of(), null));
        f.onDecision(new Decision("d2", "feed", "v", T, "m1", "champion",
                List.of(new ServedItem(new String("a"), 1, null, 0.5)), List.of(), null));
        f.onEvent(new Event("e2", "like", T.plusSeconds(10), "v", null, "d2", "feed", new String("a"), null, null));
        UserState u = f.source().user("u");
        UserState v = f.source().user("v");
        String kept = u.items.keySet().iterator().next();
        assertEquals("a", kept);
        assertSame(kept, v.items.keySet().iterator().next(), "two users, one id");
        assertSame(kept, v.seen.judgedItems().iterator().next(), "the like's own copy is not kept either");
        assertEquals(1.0, f.features("v", "a", CATALOG.get("a"), T.plusSeconds(10)).get("judged"));

        // a restore reads every user's copy from the bytes: decoded, they share one instance again
        dev.flywheel.state.StateWriter out = new dev.flywheel.state.StateWriter();
        f.writeState(out);
        InMemoryFeedbackFeatures restored = features();
        restored.readState(new dev.flywheel.state.StateReader(out.toByteArray()));
        UserState ru = restored.source().user("u");
        UserState rv = restored.source().user("v");
        String read = ru.items.keySet().iterator().next();
        assertSame(read, rv.items.keySet().iterator().next(), "restored: two users, one id");
        assertSame(read, rv.seen.judgedItems().iterator().next(), "restored: the seen items too");
        assertEquals(f.features("v", "a", CATALOG.get("a"), T.plusSeconds(10)),
                restored.features("v", "a", CATALOG.get("a"), T.plusSeconds(10)));
    }

    /**
     * A shop maps its events onto the roles (a purchase is a like) and pays purchases by value: an
     * item's value feature is log(its smoothed mean value / the mean over all items), hand-computed.
     */
    @Test
    void mappedRolesAndPaidValuesFeedTheSameFeatures() {
        FeatureSettings shop = new FeatureSettings(Duration.ofDays(30), 2, Map.of("purchase", "like"), java.util.Set.of("purchase"));
        InMemoryFeedbackFeatures f = new InMemoryFeedbackFeatures(shop, i -> CATALOG.getOrDefault(i, Map.of()));
        f.onDecision(D);
        f.onEvent(new Event("p1", "purchase", T.plusSeconds(1), "u", null, "d1", "feed", "a", 90.0, null));
        f.onEvent(new Event("p2", "purchase", T.plusSeconds(1), "v", null, null, "feed", "b", 10.0, null));
        f.onEvent(new Event("p3", "purchase", T.plusSeconds(1), "w", null, null, "feed", "b", 20.0, null));
        Instant at = T.plusSeconds(1);
        Map<String, Double> a = f.features("u", "a", CATALOG.get("a"), at);
        assertEquals(1.0, a.get("item_likes"), 1e-12, "a purchase plays a like");
        assertEquals(1.0, a.get("judged"));
        // global mean 120 / 3 = 40 (all three stamped at the same time: no decay between them)
        assertEquals(Math.log((90 + 40) / 2.0 / 40), a.get("item_value"), 1e-12);
        assertEquals(Math.log((30 + 40) / 3.0 / 40), f.features("u", "b", CATALOG.get("b"), at).get("item_value"), 1e-12);
        assertEquals(0.0, f.features("u", "c", Map.of(), at).get("item_value"), "nobody paid for c: the mean");
        assertEquals(0.0, f.features("u", "a", CATALOG.get("a"), T).get("item_value"), "before any purchase");
        assertEquals(1.0, f.features("u", "a", CATALOG.get("a"), at).get("user_affinity"), 1e-12, "the purchase built the profile");
    }

    @Test
    void dislikesMakeItemsIneligibleAndIgnoresLowerAffinity() {
        InMemoryFeedbackFeatures f = features();
        f.onDecision(D);
        f.onEvent(new Event("e2", "dislike", T.plusSeconds(20), "u", null, "d1", "feed", "b", null, null));
        assertEquals(1.0, f.features("u", "b", CATALOG.get("b"), T.plusSeconds(19)).get("eligible"));
        assertEquals(0.0, f.features("u", "b", CATALOG.get("b"), T.plusSeconds(20)).get("eligible"));
        assertEquals(-1.0, f.features("u", "b", CATALOG.get("b"), T.plusSeconds(20)).get("user_affinity"), 1e-12);
        Outcome ignoredA = new Outcome("d1", "feed", "u", "a", 1, 0.5, null, "m1", "champion", T, 0,
                List.of(), -0.05, true, 0);
        f.onOutcome(ignoredA, T.plus(Duration.ofMinutes(30)));
        assertEquals(0.0, f.features("u", "a", CATALOG.get("a"), T.plusSeconds(60)).get("user_affinity"),
                "the ignore is only known when the window closes");
        // profile at 30 min: jazz −0.1 (the ignore), golf −2^(−1780/3600) (the dislike, decayed)
        assertEquals(-0.13950031604596838,
                f.features("u", "a", CATALOG.get("a"), T.plus(Duration.ofMinutes(30))).get("user_affinity"), 1e-12,
                "−0.1 / √(0.01 + golf²)");
    }

    /** Topics are few and telling: a like on one topic lifts that topic for the user, not the others. */
    @Test
    void topicAffinityAndUserTopicRatesFollowTheUsersJudgements() {
        Map<String, Map<String, Double>> catalog = Map.of(
                "a", Map.of("topic:jazz", 0.8, "saxophone", 0.6),
                "b", Map.of("topic:golf", 0.8, "caddie", 0.6),
                "c", Map.of("topic:jazz", 0.8, "trumpet", 0.6));
        InMemoryFeedbackFeatures f = new InMemoryFeedbackFeatures(Duration.ofHours(1), 2, i -> catalog.getOrDefault(i, Map.of()));
        f.onDecision(D);
        f.onEvent(LIKE);
        Instant t = T.plusSeconds(10);
        Map<String, Double> jazz = f.features("u", "c", catalog.get("c"), t);
        Map<String, Double> golf = f.features("u", "b", catalog.get("b"), t);
        assertEquals(1.0, jazz.get("topic_affinity"), 1e-12, "the user's strongest topic");
        assertEquals(0.0, golf.get("topic_affinity"), 1e-12);
        // user-topic jazz: 1 like in 1 exposure (the decayed impression, lifted to the fresh like), smoothed
        // with 5 pseudo-impressions of the global like rate
        double imp = 0.9980764435756287;
        double global = 1 / (2 * imp);
        assertEquals((1 + 5 * global) / (1 + 5), jazz.get("user_topic_like_rate"), 1e-12);
        assertEquals((0 + 5 * global) / (imp + 5), golf.get("user_topic_like_rate"), 1e-12);
        // user-item a: 1 like in 1 exposure, smoothed with 2 pseudo-showings of the user's jazz rate
        Map<String, Double> a = f.features("u", "a", catalog.get("a"), t);
        assertEquals((1 + 2 * jazz.get("user_topic_like_rate")) / (1 + 2), a.get("user_item_like_rate"), 1e-12);
        assertEquals(jazz.get("user_topic_like_rate"), jazz.get("user_item_like_rate"), 1e-12, "never shown: the topic rate");
    }
}
