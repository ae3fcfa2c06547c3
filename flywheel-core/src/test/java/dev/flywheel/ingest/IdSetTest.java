package dev.flywheel.ingest;

import dev.flywheel.ingest.internal.IdHash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IdSetTest {

    /** add/remove/contains behave like a HashSet through growth and backward-shift deletion. */
    @Property(tries = 200)
    void behavesLikeAHashSet(@ForAll("ops") List<String> ops) {
        IdSet set = new IdSet(4);
        Set<String> model = new HashSet<>();
        for (String op : ops) {
            String id = op.substring(1);
            if (op.charAt(0) == '+') assertEquals(model.add(id), set.add(id), op);
            else assertEquals(model.remove(id), set.remove(id), op);
            assertEquals(model.size(), set.size());
        }
        for (String op : ops) assertEquals(model.contains(op.substring(1)), set.contains(op.substring(1)));
    }

    @Provide
    Arbitrary<List<String>> ops() {
        Arbitrary<String> id = Arbitraries.integers().between(0, 60).map(i -> "id-" + i);
        return Arbitraries.oneOf(id.map(s -> "+" + s), id.map(s -> "-" + s)).list().ofMaxSize(400);
    }

    @Test
    void hashDependsOnEveryCharacterAndTheLength() {
        long[] a = new long[2];
        long[] b = new long[2];
        IdHash.hash("event-000000001", a);
        IdHash.hash("event-000000002", b);
        assertNotEquals(a[0], b[0]);
        IdHash.hash("abc", a);
        IdHash.hash("abc\0", b);
        assertNotEquals(a[1], b[1]);
    }

    @Test
    void holdsAMillionIdsWithoutFalseDuplicates() {
        IdSet set = new IdSet(16);
        for (int i = 0; i < 1_000_000; i++) assertTrue(set.add("e" + i));
        assertEquals(1_000_000, set.size());
        assertFalse(set.add("e999999"));
        assertFalse(set.contains("e1000000"));
    }
}
