package dev.flywheel.topology;

import dev.flywheel.catalog.Item;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded history of one loop {@code feed} as a product logs it, independent of what any model
 * decides: items (a few posted late, one edited), decisions of four items with clicks, dwell, likes
 * and dislikes, and impressions without a decision (a product's own exposures), over a few hours of
 * event time so that windows close and models train.
 */
public final class LoopHistory {
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] TOPICS = {"sport", "politics", "economy", "weather", "culture"};
    private static final String[] WORDS = {"goal", "vote", "market", "rain", "film", "chip", "bread", "train"};

    private LoopHistory() { }

    public static List<LoggedRecord> of(long seed, int decisions) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LoggedRecord> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) out.add(item(i, ""));
        Instant t = START;
        for (int d = 0; d < decisions; d++) {
            t = t.plusSeconds(10 + r.nextInt(50));
            if (d == decisions / 3) out.add(item(30, " posted later"));
            if (d == decisions / 2) out.add(item(3, " edited"));
            String user = "u" + r.nextInt(12);
            if (r.nextInt(6) == 0) {
                out.add(new Event("x" + d, "impression", t, user, null, null, "feed", "a" + r.nextInt(31), null, null));
                continue;
            }
            Decision dec = decision("d" + d, user, t, r);
            out.add(dec);
            for (ServedItem s : dec.items()) react(out, r, dec, s);
        }
        return out;
    }

    private static Decision decision(String id, String user, Instant t, SplittableRandom r) {
        Set<String> items = new LinkedHashSet<>();
        while (items.size() < 4) items.add("a" + r.nextInt(31));
        List<ServedItem> served = new ArrayList<>();
        for (String item : items) served.add(new ServedItem(item, served.size() + 1, r.nextDouble(), 0.25));
        return new Decision(id, "feed", user, t, "content-bandit-1", "champion", served, List.copyOf(items), null);
    }

    private static void react(List<LoggedRecord> out, SplittableRandom r, Decision d, ServedItem s) {
        if (r.nextDouble() > 0.4) return;
        String id = d.id() + s.item();
        Instant at = d.timestamp().plusSeconds(s.position());
        out.add(new Event(id + "c", "click", at, d.user(), null, d.id(), "feed", s.item(), null, null));
        out.add(new Event(id + "w", "dwell", at.plusSeconds(2), d.user(), null, d.id(), "feed", s.item(), 1.0 + r.nextInt(90), null));
        double u = r.nextDouble();
        String judgement = u < 0.45 ? "like" : u < 0.6 ? "dislike" : null;
        if (judgement != null) out.add(new Event(id + "j", judgement, at.plusSeconds(3), d.user(), null, d.id(), "feed", s.item(), null, null));
    }

    private static Item item(int i, String suffix) {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 10; w++) body.append(WORDS[(i * 5 + w * w) % WORDS.length]).append(' ');
        return new Item("a" + i, "title " + WORDS[i % WORDS.length] + suffix, body.toString(), List.of(TOPICS[i % TOPICS.length]),
                null, START.minus(Duration.ofHours(i)));
    }
}
