package dev.flywheel.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.feature.FeatureValues;
import dev.flywheel.feature.InMemoryFeedbackFeatures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Push bots like one poor item and click everything else; once the loop's monitors name them, the
 * item's counts and the collaborative interactions hold nothing of theirs, before or after: the
 * loop's state equals that of the same log without the bots, and the pushed item's like rate is the
 * people's.
 */
class NamedBotsAreForgottenTest {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final String PUSHED = "pushed";
    private static final int PEOPLE = 40;
    private static final int BOTS = 4;
    private static final int HOURS = 5;

    private static TopologyTestDriver driver(boolean monitors) {
        return TopologyTestDriver.of(List.of(Map.of("name", "feed",
                "reward", Map.of("weights", Map.of("like", 1, "dislike", -1)),
                "quality", Map.of("enabled", monitors, "window", "1h", "min_impressions", 100))));
    }

    @Test
    void namingABotRemovesItsPastLikesFromThePushedItemsLikeRate() {
        TopologyTestDriver on = driver(true);
        TopologyTestDriver off = driver(false);
        TopologyTestDriver withoutBots = driver(true);
        Random r = new Random(7);
        Set<String> bots = new TreeSet<>();
        for (int b = 0; b < BOTS; b++) bots.add("bot" + b);
        for (int hour = 0; hour < HOURS; hour++) {
            List<LoggedRecord> all = new ArrayList<>();
            List<LoggedRecord> people = new ArrayList<>();
            hour(r, hour, all, people);
            on.pipe(all);
            off.pipe(all);
            withoutBots.pipe(people);
        }
        Instant end = T0.plus(Duration.ofHours(HOURS));
        for (TopologyTestDriver d : List.of(on, off, withoutBots)) d.advanceTo(end);

        assertEquals(bots, on.topology().loop("feed").excluded().users(), "the bots are named, and only they");
        assertTrue(withoutBots.topology().loop("feed").excluded().users().isEmpty());
        Instant at = end.minus(Duration.ofMinutes(10));
        FeatureValues named = pushed(on, at);
        FeatureValues never = pushed(withoutBots, at);
        for (String name : List.of("item_impressions", "item_clicks", "item_likes", "item_like_rate", "item_click_rate")) {
            assertEquals(never.get(name), named.get(name), 1e-9 * Math.max(1, Math.abs(never.get(name))), name);
        }
        double kept = pushed(off, at).get("item_like_rate");
        assertTrue(named.get("item_like_rate") < kept / 2, "the bots' likes made " + kept + " of it; without them " + named.get("item_like_rate"));
        assertEquals(interactions(withoutBots), interactions(on), "the collaborative learner dropped the bots' interactions");
        assertTrue(interactions(off) > interactions(on));
    }

    private static FeatureValues pushed(TopologyTestDriver d, Instant at) {
        InMemoryFeedbackFeatures f = (InMemoryFeedbackFeatures) d.topology().loop("feed").features();
        return f.features("person0", PUSHED, Map.of(), at);
    }

    private static long interactions(TopologyTestDriver d) {
        return d.topology().loop("feed").model().collaborative().interactions();
    }

    /**
     * Every user gets three slates of five in the hour. People click a fifth and judge most of what
     * they click, and dislike the pushed item; bots are shown it first, like it and read it long,
     * and click nearly everything else and leave at once. Also the history of
     * {@link CollaborativeResumptionTest}.
     */
    static void hour(Random r, int hour, List<LoggedRecord> all, List<LoggedRecord> people) {
        for (int slate = 0; slate < 3; slate++) {
            for (int u = 0; u < PEOPLE + BOTS; u++) {
                boolean bot = u >= PEOPLE;
                String user = bot ? "bot" + (u - PEOPLE) : "person" + u;
                Instant t = T0.plus(Duration.ofHours(hour)).plusSeconds(1200L * slate + 10L * u);
                List<LoggedRecord> records = slate(r, user, bot, t, "d" + hour + "-" + slate + "-" + u);
                all.addAll(records);
                if (!bot) people.addAll(records);
            }
        }
    }

    private static List<LoggedRecord> slate(Random r, String user, boolean bot, Instant t, String decision) {
        List<String> items = new ArrayList<>();
        if (bot || r.nextInt(4) == 0) items.add(PUSHED);
        while (items.size() < 5) {
            String item = "i" + r.nextInt(60);
            if (!items.contains(item)) items.add(item);
        }
        List<ServedItem> served = new ArrayList<>();
        for (int p = 0; p < items.size(); p++) served.add(new ServedItem(items.get(p), p + 1, null, 0.2));
        List<LoggedRecord> out = new ArrayList<>();
        out.add(new Decision(decision, "feed", user, t, "m1", "champion", null, 0, served, List.of(), null, List.of()));
        int n = 0;
        for (String item : items) {
            boolean pushed = item.equals(PUSHED);
            if (!(bot ? pushed || r.nextDouble() < 0.9 : r.nextDouble() < 0.2)) continue;
            Instant at = t.plusSeconds(1 + n++);
            out.add(event(decision + item + "c", "click", user, decision, item, at, null));
            String judgement = bot ? (pushed ? "like" : null) : pushed ? "dislike" : r.nextDouble() < 0.5 ? "like" : "dislike";
            if (judgement != null) out.add(event(decision + item + "j", judgement, user, decision, item, at.plusSeconds(1), null));
            double dwell = bot && !pushed ? 1 : 20 + r.nextInt(60);
            out.add(event(decision + item + "w", "dwell", user, decision, item, at.plusSeconds(2), dwell));
        }
        return out;
    }

    private static Event event(String id, String type, String user, String decision, String item, Instant at, Double value) {
        return new Event(id, type, at, user, null, decision, "feed", item, value, null);
    }
}
