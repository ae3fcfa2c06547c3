package dev.flywheel.outcome.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link OutcomeStore} adapter must do. */
public abstract class OutcomeStoreContract {
    static final Instant T = Instant.parse("2026-11-01T10:00:00.123456Z");

    /** The store of this test: empty when first opened, the same rows when opened again. */
    protected abstract OutcomeStore open();

    static Outcome logged(String decision, String item, int position, double reward, Instant at) {
        return new Outcome(decision, "feed", "u1", item, position, 0.25, 0.5, "m1", "champion", at, 12,
                List.of("click", "like"), reward, false, 1);
    }

    /** An exposure: shown without a logged decision, so no propensity and no score. */
    static Outcome exposure(String decision, String item, Instant at) {
        return new Outcome(decision, "feed", "u2", item, 1, null, null, Outcome.UNLOGGED, Outcome.UNLOGGED, at, 0,
                List.of(), -0.05, true, 0);
    }

    @Test
    void storedOutcomesComeBackWholeByLoopAndTime() {
        OutcomeStore s = open();
        Outcome a = logged("d1", "x", 1, 1.2, T);
        Outcome b = exposure("e9@feed", "y", T.plusSeconds(60));
        Outcome other = new Outcome("d2", "other", "u1", "x", 1, 1.0, null, "m1", "a", T, 0, List.of(), 0, true, 0);
        s.append(List.of(b, a, other));
        assertEquals(List.of(a, b), s.query("feed", Instant.EPOCH, T.plusSeconds(3600), 100));
        assertEquals(List.of(a), s.query("feed", T, T.plusSeconds(60), 100), "from inclusive, to exclusive");
        assertEquals(List.of(a), s.query("feed", Instant.EPOCH, T.plusSeconds(3600), 1));
    }

    @Test
    void aRestartKeepsTheFirstRowsItsCheckpointCountedAndAppendingGoesOnFromThere() {
        OutcomeStore s = open();
        Outcome a = logged("d1", "x", 1, 1, T);
        Outcome b = logged("d2", "x", 1, 1, T.plusSeconds(1));
        Outcome c = logged("d3", "x", 1, 1, T.plusSeconds(2));
        Outcome d = logged("d4", "x", 1, 1, T.plusSeconds(3));
        s.append(List.of(b, a));
        s.append(List.of(c));
        OutcomeStore again = open();
        again.keepFirst(2);
        assertEquals(List.of(a, b), again.query("feed", Instant.EPOCH, T.plusSeconds(10), 10), "the rows appended after the first two are dropped");
        again.append(List.of(d));
        again.keepFirst(2);
        assertEquals(List.of(a, b), again.query("feed", Instant.EPOCH, T.plusSeconds(10), 10), "appending went on from the third row");
        again.keepFirst(0);
        assertEquals(List.of(), again.query("feed", Instant.EPOCH, T.plusSeconds(10), 10), "a start without a checkpoint keeps none");
    }
}
