package dev.flywheel.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.catalog.Item;
import dev.flywheel.log.LogEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {
    /** A counter operator: the smallest state there is. */
    static final class Counter implements OperatorState {
        final String name;
        long n;

        Counter(String name) {
            this.name = name;
        }

        @Override
        public String stateName() {
            return name;
        }

        @Override
        public void writeState(StateWriter out) {
            out.putInt(1).putLong(n);
        }

        @Override
        public void readState(StateReader in) {
            in.expectVersion(name, 1);
            n = in.getLong();
        }
    }

    static final class Buffering implements Stateless { }

    @Test
    void everyPrimitiveAndALogEntryReadBackAsWritten() {
        Item item = new Item("a1", "A title", "a body", List.of("news"), null, Instant.parse("2026-01-01T00:00:00Z"));
        LogEntry entry = new LogEntry.ItemEntry(7, 1234, item);
        byte[] b = new StateWriter().putInt(-3).putLong(Long.MIN_VALUE).putDouble(Double.NaN).putBoolean(true)
                .putString(null).putString("é✓").putInstant(Instant.parse("2026-12-02T01:02:03.000000004Z")).putInstant(null)
                .putStrings(List.of("x", "y")).putDoubles(new double[] {1.5, -0.0}).putEntry(entry).toByteArray();
        StateReader r = new StateReader(b);
        assertEquals(-3, r.getInt());
        assertEquals(Long.MIN_VALUE, r.getLong());
        assertEquals(Double.NaN, r.getDouble());
        assertEquals(true, r.getBoolean());
        assertNull(r.getString());
        assertEquals("é✓", r.getString());
        assertEquals(Instant.parse("2026-12-02T01:02:03.000000004Z"), r.getInstant());
        assertNull(r.getInstant());
        assertEquals(List.of("x", "y"), r.getStrings());
        assertEquals(-0.0, r.getDoubles()[1]);
        assertEquals(entry, r.getEntry());
        assertEquals(true, r.atEnd());
        assertThrows(IllegalStateException.class, r::getInt, "reading past the end");
    }

    @Test
    void aCheckpointRestoresEveryOperatorByName() {
        Counter a = new Counter("a");
        Counter b = new Counter("b");
        a.n = 5;
        b.n = 9;
        Checkpoint c = Checkpoint.of(41, Instant.EPOCH, List.of(a, new Buffering(), b));
        Counter a2 = new Counter("a");
        Counter b2 = new Counter("b");
        c.restoreInto(List.of(b2, a2, new Buffering()));
        assertEquals(5, a2.n);
        assertEquals(9, b2.n);
    }

    @Test
    void anOperatorWithoutCheckpointSupportMakesTheTopologyUncheckpointable() {
        assertNull(Checkpoint.of(1, Instant.EPOCH, List.of(new Counter("a"), new Object())));
    }

    @Test
    void aCheckpointOfAnotherTopologyIsRefusedBeforeAnyOperatorIsTouched() {
        Counter a = new Counter("a");
        a.n = 5;
        Checkpoint c = Checkpoint.of(1, Instant.EPOCH, List.of(a));
        Counter a2 = new Counter("a");
        assertThrows(IllegalStateException.class, () -> c.restoreInto(List.of(a2, new Counter("extra"))));
        assertEquals(0, a2.n);
    }

    @Test
    void aStateOfAnotherVersionIsRefused() {
        Checkpoint c = new Checkpoint(1, Instant.EPOCH, java.util.Map.of("a", new StateWriter().putInt(2).putLong(1).toByteArray()));
        assertThrows(IllegalStateException.class, () -> c.restoreInto(List.of(new Counter("a"))));
    }
}
