package dev.flywheel.quality.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.quality.Alert;
import dev.flywheel.quality.AlertLog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link AlertLog} adapter must do. */
public abstract class AlertLogContract {
    /** Opens the adapter; called again, it opens the same data through new connections. */
    protected abstract AlertLog open();

    protected abstract void close(AlertLog log);

    static Alert alert(long id, String monitor, double value, List<String> users) {
        Instant start = Instant.parse("2026-11-27T10:00:00.123456Z").plusSeconds(3600 * id);
        return new Alert(id, "feed", monitor, start, start.plusSeconds(3600), "robust_z", value, 3.5,
                "z " + value + ", ñ and \"quotes\"", users, List.of("i-9", "i-10"), 100 + id);
    }

    @Test
    void alertsComeBackByIdAfterTheOneAskedForAndSurviveReopening() {
        AlertLog log = open();
        assertEquals(List.of(), log.after(0, 10));
        List<Alert> raised = List.of(alert(1, "bots", 4.25, List.of("u-1", "u-2")), alert(2, "drift", -0.5, List.of()),
                alert(3, "clickbait", Double.MAX_VALUE, List.of("u-3")));
        log.append(List.of(raised.get(2), raised.get(0)));
        log.append(List.of(raised.get(1)));
        assertEquals(raised, log.after(0, 10));
        assertEquals(raised.subList(1, 2), log.after(1, 1));
        close(log);
        AlertLog again = open();
        assertEquals(raised.subList(1, 3), again.after(1, 10));
        assertEquals(List.of(), again.after(3, 10));
        close(again);
    }

    @Test
    void anAlertWrittenAgainAfterARestoreIsKeptOnceAndUnchanged() {
        AlertLog log = open();
        log.append(List.of(alert(1, "bots", 4.25, List.of("u-1"))));
        log.append(List.of(alert(1, "bots", 9.0, List.of("u-9")), alert(2, "drift", 1, List.of())));
        List<Alert> kept = log.after(0, 10);
        assertEquals(List.of(alert(1, "bots", 4.25, List.of("u-1")), alert(2, "drift", 1, List.of())), kept,
                "the first write of an id stands");
        close(log);
    }
}
