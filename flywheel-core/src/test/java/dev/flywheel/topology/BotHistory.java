package dev.flywheel.topology;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.event.LoggedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A seeded hour of one loop {@code feed} with push bots among 40 people (see {@link #hour}). */
public final class BotHistory {
    public static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    public static final String PUSHED = "pushed";
    static final int PEOPLE = 40;
    static final int BOTS = 4;

    private BotHistory() { }

    /**
     * Every user gets three slates of five in the hour. People click a fifth and judge most of what
     * they click, and dislike the pushed item; bots are shown it first, like it and read it long,
     * and click nearly everything else and leave at once. Also the history of
     * {@code CollaborativeResumptionTest} and of the Flink job's parity test.
     */
    public static void hour(Random r, int hour, List<LoggedRecord> all, List<LoggedRecord> people) {
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
