package dev.flywheel.flink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;

/** A user's remembered ids against a hash map of first-seen times given the same adds and forgets. */
class SeenIdsTest {
    /** Ids whose hashes collide ("Aa" and "BB"), non-ASCII ones, the empty id, and plain ones. */
    private static final List<String> IDS = List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "", "é", "中文", "\uD83D\uDE00", "e1", "d1", "e-0042");

    /** Each step: an id (by index) added at the step's time, or (step ≥ 100) everything first seen up to a cutoff forgotten. */
    @Property(tries = 300, seed = "20261204")
    void remembersWhatAMapOfFirstSeenTimesRemembers(@ForAll @Size(max = 120) List<@IntRange(min = 0, max = 119) Integer> steps) throws IOException {
        SeenIds seen = new SeenIds();
        Map<String, Long> reference = new HashMap<>();
        long time = 0;
        for (int step : steps) {
            time += 10;
            if (step < 100) {
                String id = step < IDS.size() ? IDS.get(step) : "id-" + step;
                assertEquals(!reference.containsKey(id), seen.add(id, time), "add " + id);
                reference.putIfAbsent(id, time);
            } else {
                long cutoff = time - 10L * (step - 100);
                int before = reference.size();
                reference.values().removeIf(t -> t <= cutoff);
                assertEquals(before - reference.size(), seen.forgetUpTo(cutoff), "forgotten up to " + cutoff);
            }
            assertEquals(reference.size(), seen.size());
        }
        for (String id : IDS) assertEquals(reference.containsKey(id), seen.contains(id), id);
        assertEquals(reference.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE), seen.oldest());
        SeenIds copy = SeenIdsSerializer.INSTANCE.copy(seen);
        SeenIds read = roundTrip(seen);
        for (String id : reference.keySet()) {
            assertTrue(read.contains(id) && copy.contains(id), "kept through the serializer and the copy: " + id);
        }
        assertEquals(seen.size(), read.size());
        assertEquals(seen.oldest(), read.oldest());
        if (!reference.isEmpty()) {
            assertTrue(copy.add("fresh", time + 1));
            assertFalse(seen.contains("fresh"), "a copy is its own");
        }
    }

    @Test
    void theBytesAreTheCountTheLengthTheIdsTheirEndsAndTimes() throws IOException {
        SeenIds seen = new SeenIds();
        seen.add("é1", 7);
        seen.add("x", 1L << 40);
        DataOutputSerializer out = new DataOutputSerializer(16);
        SeenIdsSerializer.INSTANCE.serialize(seen, out);
        byte[] e1 = "é1".getBytes(StandardCharsets.UTF_8);
        ByteBuffer expected = ByteBuffer.allocate(8 + e1.length + 1 + 24);
        expected.putInt(2).putInt(e1.length + 1).put(e1).put((byte) 'x').putInt(e1.length).putInt(e1.length + 1).putLong(7).putLong(1L << 40);
        assertEquals(java.util.Arrays.toString(expected.array()), java.util.Arrays.toString(out.getCopyOfBuffer()));
    }

    @Test
    void aNegativeCountOrEndsOutOfOrderAreRefusedNotAllocated() {
        IOException negative = assertThrows(IOException.class, () -> SeenIdsSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(ByteBuffer.allocate(8).putInt(-2).putInt(0).array())));
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
        byte[] disordered = ByteBuffer.allocate(8 + 2 + 24).putInt(2).putInt(2).put((byte) 'a').put((byte) 'b')
                .putInt(2).putInt(1).putLong(1).putLong(2).array();
        IOException order = assertThrows(IOException.class, () -> SeenIdsSerializer.INSTANCE.deserialize(new DataInputDeserializer(disordered)));
        assertTrue(order.getMessage().contains("out of order"), order.getMessage());
    }

    @Test
    void itsSnapshotRestoresTheSerializer() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        TypeSerializerSnapshot.writeVersionedSnapshot(new DataOutputViewStreamWrapper(bytes), SeenIdsSerializer.INSTANCE.snapshotConfiguration());
        TypeSerializerSnapshot<SeenIds> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputViewStreamWrapper(new java.io.ByteArrayInputStream(bytes.toByteArray())), getClass().getClassLoader());
        assertSame(SeenIdsSerializer.INSTANCE, read.restoreSerializer());
        assertTrue(SeenIdsSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs());
    }

    private static SeenIds roundTrip(SeenIds s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        SeenIdsSerializer.INSTANCE.serialize(s, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        SeenIds read = SeenIdsSerializer.INSTANCE.deserialize(in);
        assertEquals(0, in.available());
        return read;
    }

    /** 2^15 ids made of "Aa" and "BB" share one Arrays.hashCode of their bytes; a client may send such ids for one user. */
    @Test
    void idsWithOneBytesHashCodeAreSpreadOverTheTable() {
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int bits = 0; bits < 1 << 15; bits++) {
            StringBuilder id = new StringBuilder();
            for (int b = 0; b < 15; b++) id.append((bits >> b & 1) == 0 ? "Aa" : "BB");
            assertEquals(java.util.Arrays.hashCode("Aa".repeat(15).getBytes(StandardCharsets.UTF_8)),
                    java.util.Arrays.hashCode(id.toString().getBytes(StandardCharsets.UTF_8)));
            hashes.add(SeenIds.probeHash(id.toString()));
        }
        assertTrue(hashes.size() > 32_000, "distinct probe hashes of 32,768 colliding ids: " + hashes.size());
    }
}
