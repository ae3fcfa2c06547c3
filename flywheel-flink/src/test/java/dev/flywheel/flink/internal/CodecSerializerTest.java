package dev.flywheel.flink.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.event.Event;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.Bytes;
import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.contract.Entries;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import dev.flywheel.state.Checkpoint;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Records cross Flink (network, state, committables) in Flywheel's own forms and come back equal,
 * field for field, nulls and all; a log entry's bytes are the log's (and Kafka's); a serializer
 * restored from a savepoint's snapshot reads what the old one wrote.
 */
class CodecSerializerTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00.123456789Z");

    private static <T> T roundTrip(TypeSerializer<T> s, T row) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(row, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = s.deserialize(in);
        assertEquals(0, in.available(), "every byte read");
        return back;
    }

    @Test
    void logEntriesOfEveryKindCrossFlinkInTheLogsOwnBytes() throws IOException {
        CodecSerializer<LogEntry> s = new CodecSerializer<>(RowKind.LOG_ENTRY);
        List<LogEntry> entries = Entries.mixed(0, 60);
        assertEquals(4, entries.stream().map(e -> e.getClass()).distinct().count(), "every kind");
        for (LogEntry e : entries) {
            assertEquals(e, roundTrip(s, e));
            DataOutputSerializer out = new DataOutputSerializer(64);
            s.serialize(e, out);
            Bytes log = new Bytes(64);
            LogCodec.encode(e, log);
            byte[] wire = out.getCopyOfBuffer();
            assertArrayEquals(Arrays.copyOf(log.array(), log.length()), Arrays.copyOfRange(wire, 4, wire.length), "the log's bytes");
        }
    }

    @Test
    void anEntryComesBackWithItsPlaceAndAPlaceAlone() throws IOException {
        CodecSerializer<dev.flywheel.flink.SourcedEntry> s = new CodecSerializer<>(RowKind.SOURCED_ENTRY);
        for (LogEntry e : Entries.mixed(0, 12)) {
            for (dev.flywheel.flink.SourcedEntry x : List.of(new dev.flywheel.flink.SourcedEntry(e, 2, 1L << 40),
                    dev.flywheel.flink.SourcedEntry.unplaced(e))) {
                assertEquals(x, roundTrip(s, x));
            }
        }
        dev.flywheel.flink.SourcedEntry place = new dev.flywheel.flink.SourcedEntry(null, 5, 77);
        assertEquals(place, roundTrip(s, place));
        assertThrows(IllegalArgumentException.class, () -> new dev.flywheel.flink.SourcedEntry(null, -1, -1), "a place alone needs one");
    }

    @Test
    void rowsComeBackFieldForFieldNullsAndAll() throws IOException {
        Outcome logged = new Outcome("d1", "feed", "u1", "a", 2, 0.25, 1.5, "m1", "champion", T, 12, List.of("click", "like"),
                1.1, false, 3);
        Outcome exposure = new Outcome("x9@feed", "feed", "u2", "b", 1, null, null, Outcome.UNLOGGED, Outcome.UNLOGGED, T, 0,
                List.of(), -0.05, true, 0);
        for (Outcome o : List.of(logged, exposure)) assertEquals(o, roundTrip(new CodecSerializer<>(RowKind.OUTCOME), o));
        Event e = new Event("e1", "like", T, "u1", "s1", null, "feed", "a", 2.5, "{\"k\":1}");
        for (Unjoined u : List.of(new Unjoined(e, Unjoined.Reason.LATE, "d1"), new Unjoined(e, Unjoined.Reason.ORPHAN, null))) {
            assertEquals(u, roundTrip(new CodecSerializer<>(RowKind.UNJOINED), u));
        }
        ServedFeatures f = new ServedFeatures(42, "d1", "feed", "a", 3, new double[] {0.5, -0.0, Double.MIN_VALUE, 7e300});
        assertEquals(f, roundTrip(new CodecSerializer<>(RowKind.SERVED_FEATURES), f));
        Alert a = new Alert(7, "feed", "bots", T, T.plusSeconds(3600), "robust_z", 4.2, 3.5, "4 users", List.of("bot0", "bot1"),
                List.of("pushed"), 1234);
        assertEquals(a, roundTrip(new CodecSerializer<>(RowKind.ALERT), a));
        List<Outcome> batch = List.of(logged, exposure, logged);
        UpsertSink.BatchSerializer<Outcome> committables = new UpsertSink.BatchSerializer<>(RowKind.OUTCOMES);
        assertEquals(batch, committables.deserialize(1, committables.serialize(batch)), "a committed batch");
        List<HistoryRow> history = List.of(HistoryRow.of(new LogEntry.EventEntry(17, 99, e)), HistoryRow.of(f));
        UpsertSink.BatchSerializer<HistoryRow> epochs = new UpsertSink.BatchSerializer<>(RowKind.HISTORY_LIST);
        assertEquals(history, epochs.deserialize(1, epochs.serialize(history)), "an epoch's history, entries with their seqs");
    }

    /**
     * Flink 2.2 serialises a committable twice per list it nests in, three lists deep, at every
     * checkpoint: encoding each time took a sixth of the job's CPU (docs/performance.md).
     */
    @Test
    void aCommittedBatchIsEncodedOnceThoughFlinkAsksForItsBytesEightTimes() throws IOException {
        Outcome o = new Outcome("d1", "feed", "u1", "a", 1, 0.5, null, "m", "arm", T, 1, List.of("click"), 0.1, false, 0);
        UpsertSink.BatchSerializer<Outcome> committables = new UpsertSink.BatchSerializer<>(RowKind.OUTCOMES);
        List<Outcome> batch = List.of(o, o);
        byte[] first = committables.serialize(batch);
        DataOutputSerializer out = new DataOutputSerializer(64);
        org.apache.flink.core.io.SimpleVersionedSerialization.writeVersionAndSerializeList(committables, List.of(batch), out);
        assertSame(first, committables.serialize(batch), "the same batch, the bytes already made");
        List<Outcome> equal = List.of(o, o);
        byte[] again = committables.serialize(equal);
        assertTrue(again != first && Arrays.equals(first, again), "another batch is encoded, to the same bytes");
        for (int i = 0; i < 4; i++) committables.serialize(List.of(o));
        byte[] later = committables.serialize(batch);
        assertTrue(later != first && Arrays.equals(first, later), "only the last few batches are kept");
        List<Outcome> read = committables.deserialize(1, later);
        assertEquals(batch, read);
        assertThrows(UnsupportedOperationException.class, () -> read.add(o), "a batch read back cannot change under its kept bytes");
    }

    @Test
    void aCommittedBatchThatFlinkLetGoIsNotKeptAliveByItsKeptBytes() throws IOException {
        Outcome o = new Outcome("d1", "feed", "u1", "a", 1, 0.5, null, "m", "arm", T, 1, List.of("click"), 0.1, false, 0);
        UpsertSink.BatchSerializer<Outcome> committables = new UpsertSink.BatchSerializer<>(RowKind.OUTCOMES);
        List<Outcome> batch = new java.util.ArrayList<>(List.of(o, o));
        committables.serialize(batch);
        java.lang.ref.WeakReference<List<Outcome>> probe = new java.lang.ref.WeakReference<>(batch);
        batch = null;
        for (int i = 0; i < 50 && probe.get() != null; i++) {
            System.gc();
            Thread.onSpinWait();
        }
        // a strong hold kept four checkpoints' rows alive after Flink had committed and dropped them
        assertTrue(probe.get() == null, "the serializer holds a batch nothing else does");
        assertEquals(List.of(o, o), committables.deserialize(1, committables.serialize(List.of(o, o))), "and encodes on");
    }

    @Test
    void aCheckpointComesBackWithEveryOperatorsBytes() throws IOException {
        Checkpoint c = new Checkpoint(99, T, Map.of("join", new byte[] {1, 2, 3}, "features:feed", new byte[0]));
        Checkpoint back = roundTrip(new CodecSerializer<>(RowKind.CHECKPOINT), c);
        assertEquals(c.seq(), back.seq());
        assertEquals(c.takenAt(), back.takenAt());
        assertEquals(c.states().keySet(), back.states().keySet());
        c.states().forEach((k, v) -> assertArrayEquals(v, back.states().get(k), k));
    }

    @Test
    void aSerializerRestoredFromItsSnapshotReadsWhatTheOldOneWroteAndOthersAreIncompatible() throws IOException {
        CodecSerializer<Outcome> old = new CodecSerializer<>(RowKind.OUTCOME);
        DataOutputSerializer snap = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(snap, old.snapshotConfiguration());
        TypeSerializerSnapshot<Outcome> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snap.getCopyOfBuffer()), getClass().getClassLoader());
        assertEquals(old, read.restoreSerializer());
        assertTrue(read.resolveSchemaCompatibility(old.snapshotConfiguration()).isCompatibleAsIs());
        TypeSerializerSnapshot<Outcome> other = new CodecSerializer<Outcome>(RowKind.ALERT).snapshotConfiguration();
        assertTrue(read.resolveSchemaCompatibility(other).isIncompatible());
        Outcome o = new Outcome("d1", "feed", "u1", "a", 1, 0.5, null, "m", "arm", T, 1, List.of("click"), 0.1, false, 0);
        DataOutputSerializer out = new DataOutputSerializer(64);
        old.serialize(o, out);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        read.restoreSerializer().copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertArrayEquals(out.getCopyOfBuffer(), copied.getCopyOfBuffer(), "copied without reading the record");
        assertEquals(o, read.restoreSerializer().deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())));
        assertSame(o, old.copy(o), "immutable records are not copied");
    }

    @Test
    void aTruncatedRecordIsRefusedNotMisread() {
        CodecSerializer<Alert> s = new CodecSerializer<>(RowKind.ALERT);
        byte[] bytes = {0, 0, 0, 3, 0, 0, 0};
        assertThrows(RuntimeException.class, () -> s.deserialize(new DataInputDeserializer(bytes)));
    }
}
