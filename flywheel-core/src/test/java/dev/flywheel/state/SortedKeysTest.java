package dev.flywheel.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The keys in the order a TreeMap of the same map iterates them (what the states were written in before). */
class SortedKeysTest {
    @Test
    void keysComeInTheTreeMapsOrderAndTheUnionHasEachOnce() {
        Random r = new Random(5);
        for (int run = 0; run < 200; run++) {
            Map<String, Integer> a = new HashMap<>();
            Map<String, Integer> b = new HashMap<>();
            for (int i = r.nextInt(50); i > 0; i--) a.put(key(r), i);
            for (int i = r.nextInt(50); i > 0; i--) b.put(key(r), i);
            assertArrayEquals(new TreeMap<>(a).keySet().toArray(new String[0]), SortedKeys.of(a));
            TreeSet<String> both = new TreeSet<>(a.keySet());
            both.addAll(b.keySet());
            assertArrayEquals(both.toArray(new String[0]), SortedKeys.union(a, b));
        }
        assertArrayEquals(new String[] {"A", "a", "b", "é"}, SortedKeys.union(Map.of("b", 1, "é", 2), Map.of("a", 1, "A", 2, "b", 3)));
        assertArrayEquals(new String[0], SortedKeys.union(Map.of(), Map.of()));
    }

    /** Short keys from a small alphabet, so the two maps share some, with a non-ASCII letter among them. */
    private static String key(Random r) {
        List<String> letters = List.of("a", "b", "B", "é", "z", "0");
        StringBuilder s = new StringBuilder();
        for (int i = 1 + r.nextInt(3); i > 0; i--) s.append(letters.get(r.nextInt(letters.size())));
        return s.toString();
    }
}
