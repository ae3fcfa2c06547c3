package dev.flywheel.model;

import dev.flywheel.catalog.Item;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.topology.TopologyTestDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A content-bandit loop fed a seeded history through the topology (catalog, join, learner, features
 * in the engine's order): decisions of a few items with likes, clicks and dislikes, over hours of
 * event time, so that outcomes close and the models train. The history does not depend on what the
 * bandit decides. Only a dislike consumes an item, as in the article world.
 */
final class BanditHistory {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final int ITEMS = 40;
    static final int USERS = 8;
    private static final String[] WORDS = {"goal", "match", "vote", "party", "market", "stock", "rain", "storm",
        "film", "actor", "chip", "code", "bread", "wine", "train", "road"};
    private static final String[] TOPICS = {"sport", "politics", "economy", "weather", "culture", "tech"};
    final TopologyTestDriver driver;
    private final SplittableRandom rng;
    private long seq;
    private Instant now = START;

    BanditHistory(Map<String, Object> loop, long seed) {
        rng = new SplittableRandom(seed);
        Map<String, Object> section = new HashMap<>(loop);
        section.putIfAbsent("candidates", Map.of("consumed", List.of("dislike")));
        driver = TopologyTestDriver.of(List.of(section));
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) items.add(item(i));
        driver.pipe(items);
    }

    /** The loop's policy, as the HTTP API serves it. */
    LoopPolicy policy() {
        return driver.topology().loop("feed").policy();
    }

    static List<String> items() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) out.add("a" + i);
        return out;
    }

    static String user(int i) {
        return "u" + i;
    }

    /** {@code n} decisions of 5 items, each followed by the user's reactions, 20 s apart. */
    void play(int n) {
        for (int i = 0; i < n; i++) {
            now = now.plus(Duration.ofSeconds(20));
            String user = user(rng.nextInt(USERS));
            List<ServedItem> served = new ArrayList<>();
            for (int p = 1; p <= 5; p++) served.add(new ServedItem("a" + rng.nextInt(ITEMS), p, 0.0, 0.2));
            Decision d = new Decision("d" + seq++, "feed", user, now, ContentBanditSpec.VERSION, "champion", dedupe(served),
                    List.of(), null);
            driver.pipe(d);
            for (ServedItem s : d.items()) react(d, s);
        }
    }

    private void react(Decision d, ServedItem s) {
        double u = rng.nextDouble();
        String type = u < 0.2 ? "like" : u < 0.3 ? "dislike" : u < 0.5 ? "click" : null;
        if (type == null) return;
        Event e = new Event("e" + seq, type, d.timestamp().plusSeconds(1 + s.position()), d.user(), null, d.id(), "feed",
                s.item(), null, null);
        seq++;
        driver.pipe(e);
    }

    private static List<ServedItem> dedupe(List<ServedItem> served) {
        List<ServedItem> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (ServedItem s : served) {
            if (seen.contains(s.item())) continue;
            seen.add(s.item());
            out.add(new ServedItem(s.item(), out.size() + 1, s.score(), s.propensity()));
        }
        return out;
    }

    private static Item item(int i) {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 12; w++) body.append(WORDS[(i * 7 + w * w) % WORDS.length]).append(' ');
        List<String> topics = List.of(TOPICS[i % TOPICS.length], TOPICS[(i / 3) % TOPICS.length]);
        return new Item("a" + i, "title " + WORDS[i % WORDS.length], body.toString(), topics.stream().distinct().toList(),
                null, START.minus(Duration.ofHours(i)));
    }
}
