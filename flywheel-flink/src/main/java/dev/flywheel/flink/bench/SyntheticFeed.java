package dev.flywheel.flink.bench;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import java.time.Instant;
import java.util.List;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A feed's traffic as log entries, entry {@code i} computed from {@code i} alone (so a source of
 * millions holds nothing and a restore reads on exactly): every view is six entries, a decision
 * showing three items to a user, their three impressions, a click on one of them and a like or a
 * dislike of it; views are 20 ms apart in event time.
 */
public final class SyntheticFeed implements GeneratorFunction<Long, LogEntry> {
    public static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final int PER_VIEW = 6;
    private final int users;
    private final int items;

    public SyntheticFeed(int users, int items) {
        if (users < 1 || items < 3) throw new IllegalArgumentException("users must be at least 1 and items at least 3");
        this.users = users;
        this.items = items;
    }

    @Override
    public LogEntry map(Long index) {
        return entry(index);
    }

    public LogEntry entry(long i) {
        long view = i / PER_VIEW;
        int part = (int) (i % PER_VIEW);
        long h = mix(view);
        String user = "u" + Math.floorMod(h, users);
        int first = (int) Math.floorMod(h >>> 20, items);
        Instant t = T0.plusMillis(view * 20);
        String decision = "d" + view;
        if (part == 0) return new LogEntry.DecisionEntry(i, 0, decision(decision, user, t, first));
        int clicked = (int) Math.floorMod(h >>> 40, 3);
        String item = "i" + ((first + (part <= 3 ? part - 1 : clicked)) % items);
        String type = part <= 3 ? "impression" : part == 4 ? "click" : (h & 1) == 0 ? "like" : "dislike";
        return new LogEntry.EventEntry(i, 0, new Event("e" + i, type, t.plusMillis(part * 100L), user, null, decision, "feed",
                item, null, null));
    }

    private Decision decision(String id, String user, Instant t, int first) {
        List<ServedItem> shown = List.of(new ServedItem("i" + first, 1, null, 1.0 / 3),
                new ServedItem("i" + (first + 1) % items, 2, null, 1.0 / 3), new ServedItem("i" + (first + 2) % items, 3, null, 1.0 / 3));
        return new Decision(id, "feed", user, t, "external-v1", "champion", shown, List.of(), null);
    }

    /** SplitMix64's finaliser: a well-spread hash of the view number. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
