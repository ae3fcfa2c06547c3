package dev.flywheel.feature;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each item's term vector as arrays, and its topic terms, built once per vector instead of walking
 * the vector's map three times per candidate (cosine, topic affinity, user topic rates): with 100
 * candidates that walk was the largest cost of a decision. The arrays keep the map's iteration
 * order, so sums come out bit for bit as before.
 */
final class ItemVectors {
    /** One item's vector; {@code source} is the map it was built from, to notice a republished item. */
    record Shape(Map<String, Double> source, String[] terms, double[] weights, String[] topics) {
        static Shape of(Map<String, Double> vector) {
            String[] terms = new String[vector.size()];
            double[] weights = new double[vector.size()];
            int i = 0;
            int topics = 0;
            for (Map.Entry<String, Double> e : vector.entrySet()) {
                terms[i] = e.getKey();
                weights[i++] = e.getValue();
                if (e.getKey().startsWith(FeedbackFeatures.TOPIC)) topics++;
            }
            String[] t = new String[topics];
            int j = 0;
            for (String term : terms) if (term.startsWith(FeedbackFeatures.TOPIC)) t[j++] = term;
            return new Shape(vector, terms, weights, t);
        }
    }

    /** Concurrent: decisions fill it while they only read everything else (read lock, in parallel). */
    private final Map<String, Shape> byItem = new ConcurrentHashMap<>();

    /** The shape of {@code vector}, cached per item while the item keeps the same vector instance. */
    Shape of(String item, Map<String, Double> vector) {
        Shape s = byItem.get(item);
        if (s == null || s.source() != vector) {
            s = Shape.of(vector);
            byItem.put(item, s);
        }
        return s;
    }
}
