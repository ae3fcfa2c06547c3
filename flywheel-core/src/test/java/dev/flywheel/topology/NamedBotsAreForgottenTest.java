package dev.flywheel.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    private static final Instant T0 = BotHistory.T0;
    private static final String PUSHED = BotHistory.PUSHED;
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
        for (int b = 0; b < BotHistory.BOTS; b++) bots.add("bot" + b);
        for (int hour = 0; hour < HOURS; hour++) {
            List<LoggedRecord> all = new ArrayList<>();
            List<LoggedRecord> people = new ArrayList<>();
            BotHistory.hour(r, hour, all, people);
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
}
