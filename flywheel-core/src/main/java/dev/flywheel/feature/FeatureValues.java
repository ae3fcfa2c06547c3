package dev.flywheel.feature;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The named feedback features of one (user, item) as a read-only map over one fixed name list: a
 * decision asks for them once per candidate, and a LinkedHashMap per candidate (entries, resizes)
 * cost more than computing the values. Iteration follows {@link Name}, the order features are
 * documented and explained in; the ranker reads them by {@link Name}, an array index, not a hash.
 */
public final class FeatureValues extends AbstractMap<String, Double> {
    /** The feedback features: the one list to extend (then set the new one in FeedbackFeatures). */
    public enum Name {
        ITEM_IMPRESSIONS, ITEM_CLICKS, ITEM_LIKES, ITEM_DISLIKES, ITEM_CLICK_RATE, ITEM_LIKE_RATE, ITEM_DISLIKE_RATE,
        USER_AFFINITY, TOPIC_AFFINITY, USER_TOPIC_LIKE_RATE, USER_TOPIC_DISLIKE_RATE, USER_ITEM_IMPRESSIONS,
        USER_ITEM_LIKE_RATE, SEEN, JUDGED, ELIGIBLE,
        /** log(the item's mean paid value / the mean over all items), 0 until values are known. */
        ITEM_VALUE;

        /** The name in maps and explanations: the constant in lower case. */
        public final String key = name().toLowerCase(Locale.ROOT);
    }

    private static final Name[] ALL = Name.values();
    static final String[] NAMES = Arrays.stream(ALL).map(n -> n.key).toArray(String[]::new);
    private static final Map<String, Integer> INDEX = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.length; i++) INDEX.put(NAMES[i], i);
    }

    private final double[] values = new double[NAMES.length];

    public FeatureValues() {
        // every value is set by FeedbackFeatures before the map is read
    }

    /** Sets a value; every name must be set before the values are handed out. */
    void set(Name name, double value) {
        values[name.ordinal()] = value;
    }

    public double get(Name name) {
        return values[name.ordinal()];
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
