package dev.flywheel.feature;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The named feedback features of one (user, item) as a read-only map over one fixed name list: a
 * decision asks for them once per candidate, and a LinkedHashMap per candidate (entries, resizes)
 * cost more than computing the values. Iteration follows {@link #NAMES}, the order features are
 * documented and explained in.
 */
final class FeatureValues extends AbstractMap<String, Double> {
    static final String[] NAMES = {"item_impressions", "item_clicks", "item_likes", "item_dislikes",
        "item_click_rate", "item_like_rate", "item_dislike_rate", "user_affinity", "topic_affinity",
        "user_topic_like_rate", "user_topic_dislike_rate", "user_item_impressions", "user_item_like_rate", "seen",
        "judged", "eligible"};
    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.length; i++) INDEX.put(NAMES[i], i);
    }

    private final double[] values = new double[NAMES.length];

    /** Sets a value by name; every name must be set before the map is handed out. */
    void set(String name, double value) {
        values[INDEX.get(name)] = value;
    }

    @Override
    public Double get(Object key) {
        Integer i = INDEX.get(key);
        return i == null ? null : values[i];
    }

    @Override
    public Double getOrDefault(Object key, Double defaultValue) {
        Integer i = INDEX.get(key);
        return i == null ? defaultValue : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return INDEX.containsKey(key);
    }

    @Override
    public int size() {
        return NAMES.length;
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < NAMES.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (i >= NAMES.length) throw new NoSuchElementException();
                        Entry<String, Double> e = new SimpleImmutableEntry<>(NAMES[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return NAMES.length;
            }
        };
    }
}
