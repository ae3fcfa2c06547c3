package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.outcome.OutcomeFeed;
import dev.flywheel.state.OperatorState;
import dev.flywheel.state.Resumption;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The loop monitors behind the reward join, checkpointed before, during and after their alerts and
 * resumed: the same state byte for byte, the same alerts and the same exclusions as a straight run.
 */
class LoopMonitorsResumptionTest {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final RewardSpec REWARD = new RewardSpec(Map.of("like", 1.0, "click", 0.1, "dislike", -1.0),
            0, 0, 60, Duration.ofMinutes(30));
    private static final QualitySpec SPEC = new QualitySpec(true, Duration.ofHours(1), 50, 2, 0.05, 0.25,
            Map.of("like", QualitySpec.Direction.DOWN), true, Set.of(QualitySpec.Action.EXCLUDE));

    /** The join and one loop's monitors in the runner's order, as one checkpointed unit. */
    static final class Pipeline implements LogConsumer, OperatorState {
        final AlertBoard board = new AlertBoard();
        final Exclusions excluded = new Exclusions();
        final LoopMonitors monitors = new LoopMonitors("feed", SPEC, REWARD.window(), board, excluded);
        final OutcomeFeed join = new OutcomeFeed(Map.of("feed", REWARD), List.of(monitors), u -> { });

        @Override
        public void accept(LogEntry e) {
            join.accept(e);
            monitors.accept(e);
        }

        @Override
        public String stateName() {
            return "pipeline";
        }

        @Override
        public void writeState(StateWriter out) {
            join.writeState(out);
            monitors.writeState(out);
            board.writeState(out);
        }

        @Override
        public void readState(StateReader in) {
            join.readState(in);
            monitors.readState(in);
            board.readState(in);
        }
    }

    /** 12 hours of a feed: 6 bots among 60 users, 3 clickbait items among 40, likes halve from hour 8. */
    static List<LogEntry> log() {
        Random r = new Random(5);
        List<LogEntry> out = new ArrayList<>();
        for (int minute = 0; minute < 12 * 60; minute += 2) {
            for (int u = 0; u < 60; u++) {
                if (r.nextInt(4) != 0) continue;
                Instant t = T0.plusSeconds(60L * minute + u);
                String d = "d" + minute + "-" + u;
                List<ServedItem> served = new ArrayList<>();
                for (int p = 1; p <= 4; p++) served.add(new ServedItem("i" + r.nextInt(40), p, null, 0.25));
                if (served.stream().map(ServedItem::item).distinct().count() < 4) continue;
                add(out, new Decision(d, "feed", "u" + u, t, "m", "champion", served, List.of(), null));
                for (ServedItem s : served) react(out, r, d, "u" + u, s.item(), t, u < 6, minute >= 8 * 60);
            }
        }
        return out;
    }

    private static void react(List<LogEntry> out, Random r, String d, String user, String item, Instant t, boolean bot,
                              boolean drifted) {
        boolean clickbait = item.equals("i1") || item.equals("i2") || item.equals("i3");
        if (r.nextDouble() >= (bot ? 0.9 : clickbait ? 0.6 : 0.2)) return;
        String id = d + item;
        add(out, new Event(id + "c", "click", t.plusSeconds(5), user, null, d, "feed", item, null, null));
        double dwell = bot ? 0.5 : clickbait ? 4 : 30;
        add(out, new Event(id + "w", "dwell", t.plusSeconds(6), user, null, d, "feed", item, dwell, null));
        String judgement = bot ? null : clickbait ? (r.nextDouble() < 0.8 ? "dislike" : null)
                : r.nextDouble() < (drifted ? 0.25 : 0.6) ? "like" : r.nextDouble() < 0.1 ? "dislike" : null;
        if (judgement != null) add(out, new Event(id + "j", judgement, t.plusSeconds(7), user, null, d, "feed", item, null, null));
    }

    private static void add(List<LogEntry> out, Object record) {
        long seq = out.size();
        out.add(record instanceof Decision d ? new LogEntry.DecisionEntry(seq, seq, d) : new LogEntry.EventEntry(seq, seq, (Event) record));
    }

    @Test
    void resumedBeforeDuringAndAfterTheAlertsTheMonitorsEndAlike() {
        List<LogEntry> log = log();
        Pipeline straight = new Pipeline();
        Resumption.feed(straight, log);
        List<Alert> alerts = straight.board.list(null, null, 0);
        assertFalse(alerts.stream().noneMatch(a -> a.monitor().equals("drift")), "the test world must drift: " + alerts);
        assertFalse(straight.excluded.users().isEmpty() || straight.excluded.items().isEmpty(),
                "the test world must have bots and clickbait named: " + alerts);
        for (int cut : new int[] {0, log.size() / 5, log.size() / 2, 2 * log.size() / 3, log.size() - 1}) {
            Resumption.assertResumesExactly(Pipeline::new, log, cut);
            Pipeline before = new Pipeline();
            Resumption.feed(before, log.subList(0, cut));
            Pipeline resumed = new Pipeline();
            resumed.readState(new StateReader(Resumption.bytes(before)));
            Resumption.feed(resumed, log.subList(cut, log.size()));
            assertEquals(alerts, resumed.board.list(null, null, 0), "cut at " + cut);
            assertEquals(straight.excluded.users(), resumed.excluded.users());
            assertEquals(straight.excluded.items(), resumed.excluded.items());
        }
    }
}
