package dev.flywheel.flink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.IncrementalState;
import dev.flywheel.state.OperatorState;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.state.CheckpointStateOutputStream;
import org.apache.flink.runtime.state.OperatorStateCheckpointOutputStream;
import org.apache.flink.runtime.state.StatePartitionStreamProvider;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.junit.jupiter.api.Test;

/**
 * The topology's checkpoint as raw operator state: what a checkpoint writes reads back as the same
 * base, change sets, seq and offsets, and its bytes reach the checkpoint's stream in arrays, not one
 * call per byte (Flink's operator list state did that: a tenth of the job's CPU).
 */
class CheckpointStateTest {
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aCheckpointReadsBackAsItsBaseChangeSetsSeqAndOffsets() throws IOException {
        Numbers a = new Numbers("a");
        Plain b = new Plain("b", 7);
        CheckpointState state = new CheckpointState(2.0);
        state.track(List.of(a, b));
        a.add(250_000); // a base of a megabyte
        state.save(10, T, List.of(a, b));
        state.saveOffsets(Map.of(0, 5L, 3, 9L));
        Written first = write(state);
        a.add(1_000);
        state.save(20, T.plusSeconds(10), List.of(a, b));
        Written second = write(state);

        CheckpointState restored = new CheckpointState(2.0);
        Checkpoint c = restored.load(List.of(new StatePartitionStreamProvider(new ByteArrayInputStream(second.bytes))));
        assertEquals(20, c.seq());
        assertEquals(T.plusSeconds(10), c.takenAt());
        assertEquals(Map.of(0, 5L, 3, 9L), restored.loadOffsets());
        assertEquals(1, c.changes().get("a").size(), "one change set after the base");
        Numbers back = new Numbers("a");
        back.readState(c.parts().get("a").reader());
        c.changes().get("a").forEach(set -> back.readChanges(set.reader()));
        assertEquals(a.values, back.values);
        assertEquals(7, c.parts().get("b").reader().getInt());

        assertTrue(first.bytes.length > 1_000_000, "the base is written: " + first.bytes.length);
        assertTrue(first.singleByteWrites < 100 && second.singleByteWrites < 100,
                "a checkpoint's parts go to the stream as arrays, not byte by byte: " + first.singleByteWrites + ", " + second.singleByteWrites);
    }

    @Test
    void aRestoredStateWritesItsPartsAgainAndTheNextChangeSetAfterThem() throws IOException {
        Numbers a = new Numbers("a");
        CheckpointState state = new CheckpointState(2.0);
        state.track(List.of(a));
        a.add(100);
        state.save(1, T, List.of(a));
        a.add(3);
        state.save(2, T, List.of(a));
        CheckpointState restored = new CheckpointState(2.0);
        Numbers back = new Numbers("a");
        Checkpoint c = restored.load(List.of(new StatePartitionStreamProvider(new ByteArrayInputStream(write(state).bytes))));
        back.readState(c.parts().get("a").reader());
        c.changes().get("a").forEach(set -> back.readChanges(set.reader()));
        restored.track(List.of(back));
        back.add(4);
        restored.save(3, T, List.of(back));
        Checkpoint again = new CheckpointState(2.0).load(List.of(new StatePartitionStreamProvider(new ByteArrayInputStream(write(restored).bytes))));
        assertEquals(2, again.changes().get("a").size(), "the restored change set, then the new one");
        Numbers last = new Numbers("a");
        last.readState(again.parts().get("a").reader());
        again.changes().get("a").forEach(set -> last.readChanges(set.reader()));
        assertEquals(back.values, last.values);
        assertEquals(107, last.values.size());
    }

    @Test
    void aStateOfOtherThanOnePartitionIsRefused() throws IOException {
        Numbers a = new Numbers("a");
        CheckpointState state = new CheckpointState(2.0);
        state.save(1, T, List.of(a));
        byte[] bytes = write(state).bytes;
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> new CheckpointState(2.0).load(List.of()));
        assertTrue(none.getMessage().contains("0 partitions"), none.getMessage());
        IllegalStateException two = assertThrows(IllegalStateException.class, () -> new CheckpointState(2.0).load(List.of(
                new StatePartitionStreamProvider(new ByteArrayInputStream(bytes)), new StatePartitionStreamProvider(new ByteArrayInputStream(bytes)))));
        assertTrue(two.getMessage().contains("2 partitions"), two.getMessage());
    }

    private record Written(byte[] bytes, int singleByteWrites) { }

    private static Written write(CheckpointState state) throws IOException {
        Recording out = new Recording();
        state.write(new OperatorStateCheckpointOutputStream(out));
        return new Written(out.bytes.toByteArray(), out.singleByteWrites);
    }

    /** A checkpoint stream in memory that counts the calls that hand it one byte. */
    private static final class Recording extends CheckpointStateOutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int singleByteWrites;

        @Override
        public void write(int b) {
            singleByteWrites++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public long getPos() {
            return bytes.size();
        }

        @Override
        public void flush() { }

        @Override
        public void sync() { }

        @Override
        public void close() { }

        @Override
        public StreamStateHandle closeAndGetHandle() {
            return new ByteStreamStateHandle("test", bytes.toByteArray());
        }
    }

    /** Numbers appended; a change set holds those appended since the last. */
    private static final class Numbers implements IncrementalState {
        private final String name;
        final List<Integer> values = new ArrayList<>();
        private int written;

        Numbers(String name) {
            this.name = name;
        }

        void add(int n) {
            for (int i = 0; i < n; i++) values.add(values.size() * 31);
        }

        @Override
        public String stateName() {
            return name;
        }

        @Override
        public void writeState(StateWriter out) {
            out.putInt(values.size());
            values.forEach(out::putInt);
        }

        @Override
        public void readState(StateReader in) {
            values.clear();
            readChanges(in);
        }

        @Override
        public void trackChanges() {
            written = values.size();
        }

        @Override
        public void writeChanges(StateWriter out) {
            out.putInt(values.size() - written);
            values.subList(written, values.size()).forEach(out::putInt);
            written = values.size();
        }

        @Override
        public void dropChanges() {
            written = values.size();
        }

        @Override
        public void readChanges(StateReader in) {
            for (int n = in.getInt(); n > 0; n--) values.add(in.getInt());
        }
    }

    private record Plain(String stateName, int value) implements OperatorState {
        @Override
        public void writeState(StateWriter out) {
            out.putInt(value);
        }

        @Override
        public void readState(StateReader in) { }
    }
}
