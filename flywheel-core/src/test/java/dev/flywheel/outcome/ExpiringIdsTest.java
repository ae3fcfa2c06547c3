package dev.flywheel.outcome;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The join's remembered ids against a map of id → (time, expiry) given the same adds, removes and
 * forgets: the same answers after every step, the same ids forgotten as they fall due, and the
 * bytes of the old format (a sorted map of times, then expiries sorted by time and id) built here
 * with a plain DataOutputStream.
 */
class ExpiringIdsTest {
    /** Colliding hashes ("Aa", "BB"), non-ASCII ids, the empty id, and plain ones. */
    private static final List<String> IDS = List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "", "é", "中文", "\uD83D\uDE00", "e1", "d1", "e-0042");
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    record Held(Instant time, Instant expiry) { }

    /** Each step: an add (0–119, expiries among few values so that ties are ordered by id), a remove (120–139) or a forget (140–159). */
    @Property(tries = 400, seed = "20261204")
    void remembersWhatAMapOfTimesAndExpiriesRemembers(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 159) Integer> steps) throws IOException {
        ExpiringIds ids = new ExpiringIds();
        Map<String, Held> reference = new HashMap<>();
        long clock = 0;
        for (int step : steps) {
            clock++;
            if (step < 120) {
                String id = id(step % 60);
                // expiries in no relation to the order of adds, so that a removal's refill must move up the heap as well as down
                long expiry = clock / 7 + (step * 37L + clock * 13L) % 11 - 5;
                Held h = new Held(T0.plusSeconds(clock).plusNanos(step), T0.plusSeconds(expiry).plusNanos(step % 2));
                assertEquals(!reference.containsKey(id), ids.add(id, h.time(), h.expiry()), "add " + id);
                reference.putIfAbsent(id, h);
            } else if (step < 140) {
                String id = id(step - 120);
                assertEquals(reference.remove(id) != null, ids.remove(id), "remove " + id);
            } else {
                Instant cutoff = T0.plusSeconds(clock / 7 - 1 + step % 5).plusNanos(step % 2);
                List<String> forgotten = new ArrayList<>();
                ids.forgetBefore(cutoff, forgotten::add);
                for (int i = 1; i < forgotten.size(); i++) {
                    Instant previous = reference.get(forgotten.get(i - 1)).expiry();
                    assertTrue(!reference.get(forgotten.get(i)).expiry().isBefore(previous), "forgotten as they fall due: " + forgotten);
                }
                List<String> sorted = new ArrayList<>(forgotten);
                sorted.sort(byExpiryThenId(reference));
                assertEquals(dueBefore(reference, cutoff), sorted, "forgotten before " + cutoff);
                forgotten.forEach(reference::remove);
            }
            assertEquals(reference.size(), ids.size());
        }
        for (int i = 0; i < 60; i++) {
            Held h = reference.get(id(i));
            assertEquals(h == null ? null : h.time(), ids.time(id(i)), id(i));
            assertEquals(h == null ? null : h.expiry(), ids.expiry(id(i)), id(i));
        }
        byte[] written = write(ids);
        assertArrayEquals(oldFormat(reference), written, "the bytes of a sorted map of times and a sorted queue of expiries");
        ExpiringIds read = new ExpiringIds();
        StateReader in = new StateReader(written);
        read.readTimes(in);
        read.readExpiries(in);
        assertArrayEquals(written, write(read), "read back and written again");
    }

    /** A removal whose last entry, moved into the gap, expires before the gap's parent (found by review). */
    @Test
    void aRemovalRefillsTheQueueUpwardsWhenTheMovedEntryIsDueSooner() {
        ExpiringIds ids = new ExpiringIds();
        String[] names = {"b", "e", "g", "j", "f", "i", "c"};
        int[] due = {0, 5, 0, 16, 6, 14, 1};
        for (int i = 0; i < names.length; i++) ids.add(names[i], T0, T0.plusSeconds(due[i]));
        ids.remove("j");
        List<String> forgotten = new ArrayList<>();
        ids.forgetBefore(T0.plusSeconds(1), forgotten::add);
        assertEquals(List.of("b", "g"), forgotten);
        forgotten.clear();
        ids.forgetBefore(T0.plusSeconds(4), forgotten::add);
        assertEquals(List.of("c"), forgotten);
    }

    /** What a change set writes of an id, held or not, applied to a copy that held other things, leaves it equal. */
    @Test
    void changesOfIdsWrittenAndReadBackMakeACopyEqual() {
        ExpiringIds writer = new ExpiringIds();
        ExpiringIds copy = new ExpiringIds();
        for (int i = 0; i < 50; i++) {
            writer.add(id(i), T0.plusSeconds(i), T0.plusSeconds(1000 - i));
            if (i % 3 == 0) copy.add(id(i), T0, T0.plusSeconds(7)); // stale: to be replaced
        }
        for (int i = 0; i < 50; i += 4) writer.remove(id(i));
        copy.add("gone", T0, T0);
        StateWriter out = new StateWriter();
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < 50; i++) changed.add(id(i));
        changed.add("gone");
        changed.forEach(id -> writer.writeChange(id, out));
        StateReader in = new StateReader(out.toByteArray());
        changed.forEach(id -> copy.readChange(in));
        assertArrayEquals(write(writer), write(copy));
    }

    @Test
    void aCheckpointListingAnIdTwiceOrQueuingItTwiceIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(2);
        for (String id : List.of("a", "b")) {
            string(out, id);
            instant(out, T0);
        }
        out.writeInt(2);
        for (int i = 0; i < 2; i++) {
            instant(out, T0);
            string(out, "a");
        }
        ExpiringIds queuedTwice = new ExpiringIds();
        StateReader in = new StateReader(bytes.toByteArray());
        queuedTwice.readTimes(in);
        assertThrows(IllegalStateException.class, () -> queuedTwice.readExpiries(in));

        bytes.reset();
        out.writeInt(2);
        for (int i = 0; i < 2; i++) {
            string(out, "a");
            instant(out, T0);
        }
        assertThrows(IllegalStateException.class, () -> new ExpiringIds().readTimes(new StateReader(bytes.toByteArray())));
    }

    /** 2^15 ids made of "Aa" and "BB" share one String.hashCode; a client may send such ids, and they must not share a probe run. */
    @Test
    void idsWithOneStringHashCodeAreSpreadOverTheIndex() {
        ExpiringIds ids = new ExpiringIds();
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int bits = 0; bits < 1 << 15; bits++) {
            StringBuilder id = new StringBuilder();
            for (int b = 0; b < 15; b++) id.append((bits >> b & 1) == 0 ? "Aa" : "BB");
            assertEquals("Aa".repeat(15).hashCode(), id.toString().hashCode());
            hashes.add(ids.probeHash(id.toString()));
        }
        assertTrue(hashes.size() > 32_000, "distinct probe hashes of 32,768 colliding ids: " + hashes.size());
    }

    @Test
    void aCheckpointWhoseIdsAndExpiriesDisagreeIsRefused() throws IOException {
        ExpiringIds missing = new ExpiringIds();
        StateReader noExpiry = new StateReader(oldFormat(Map.of("a", new Held(T0, T0)), Map.of()));
        missing.readTimes(noExpiry);
        assertThrows(IllegalStateException.class, () -> missing.readExpiries(noExpiry));

        ExpiringIds unknown = new ExpiringIds();
        StateReader stray = new StateReader(oldFormat(Map.of(), Map.of("a", new Held(T0, T0))));
        unknown.readTimes(stray);
        assertThrows(IllegalStateException.class, () -> unknown.readExpiries(stray));
    }

    @Test
    void aMillionIdsAddedAndForgottenInWavesKeepTheirIndexConsistent() {
        ExpiringIds ids = new ExpiringIds();
        for (int wave = 0; wave < 10; wave++) {
            for (int i = 0; i < 100_000; i++) {
                String id = "e" + (wave * 100_000 + i);
                ids.add(id, T0, T0.plusSeconds(wave));
            }
            if (wave >= 2) {
                int[] count = {0};
                ids.forgetBefore(T0.plusSeconds(wave - 1), id -> count[0]++);
                assertEquals(100_000, count[0], "wave " + wave);
            }
        }
        assertEquals(200_000, ids.size());
        assertTrue(ids.capacity() < 1_000_000, "forgotten ids' entries are reused: room for " + ids.capacity());
        assertEquals(null, ids.time("e799999"));
        assertEquals(T0, ids.time("e800000"));
        assertEquals(T0.plusSeconds(9), ids.expiry("e999999"));
    }

    private static String id(int i) {
        return i < IDS.size() ? IDS.get(i) : "id-" + i;
    }

    /** The held ids whose expiry is before {@code cutoff}, by expiry then id (the order a whole write lists them in). */
    private static List<String> dueBefore(Map<String, Held> held, Instant cutoff) {
        return held.entrySet().stream().filter(e -> e.getValue().expiry().isBefore(cutoff))
                .map(Map.Entry::getKey).sorted(byExpiryThenId(held)).toList();
    }

    private static java.util.Comparator<String> byExpiryThenId(Map<String, Held> held) {
        return (a, b) -> {
            int c = held.get(a).expiry().compareTo(held.get(b).expiry());
            return c != 0 ? c : a.compareTo(b);
        };
    }

    private static byte[] write(ExpiringIds ids) {
        StateWriter out = new StateWriter();
        ids.writeTimes(out);
        ids.writeExpiries(out);
        return out.toByteArray();
    }

    private static byte[] oldFormat(Map<String, Held> held) throws IOException {
        return oldFormat(held, held);
    }

    /** Times of {@code timed} in id order, then expiries of {@code queued} by expiry and id; strings as UTF-8 length and bytes. */
    private static byte[] oldFormat(Map<String, Held> timed, Map<String, Held> queued) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(timed.size());
        for (Map.Entry<String, Held> e : new TreeMap<>(timed).entrySet()) {
            string(out, e.getKey());
            instant(out, e.getValue().time());
        }
        List<String> order = dueBefore(queued, Instant.MAX);
        out.writeInt(order.size());
        for (String id : order) {
            instant(out, queued.get(id).expiry());
            string(out, id);
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(true);
        out.writeLong(t.getEpochSecond());
        out.writeInt(t.getNano());
    }
}
