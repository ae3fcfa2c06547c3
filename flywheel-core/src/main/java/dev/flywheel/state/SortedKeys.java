package dev.flywheel.state;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * A map's keys in their natural order, so that a hash map's entries are written in the order every
 * run and every copy agrees on. Sorting an array of the keys costs a fraction of copying the map into
 * a {@code TreeMap} (a node per entry, rebalancing), which checkpoints did for every state.
 */
public final class SortedKeys {
    private SortedKeys() { }

    public static String[] of(Map<String, ?> m) {
        return of(m.keySet());
    }

    /** The ids of a set (or any collection) in natural order. */
    public static String[] of(Collection<String> ids) {
        String[] keys = ids.toArray(new String[0]);
        Arrays.sort(keys);
        return keys;
    }

    /** The keys of {@code first} (read first) and of {@code second}, in natural order, each once. */
    public static String[] union(Map<String, ?> first, Map<String, ?> second) {
        String[] a = first.keySet().toArray(new String[0]);
        String[] b = second.keySet().toArray(new String[0]);
        String[] keys = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, keys, a.length, b.length);
        Arrays.sort(keys);
        int n = 0;
        for (int i = 0; i < keys.length; i++) if (n == 0 || !keys[i].equals(keys[n - 1])) keys[n++] = keys[i];
        return n == keys.length ? keys : Arrays.copyOf(keys, n);
    }
}
