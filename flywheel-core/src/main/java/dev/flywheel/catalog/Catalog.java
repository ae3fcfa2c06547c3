package dev.flywheel.catalog;

import dev.flywheel.catalog.internal.TextAnalysis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The items a loop may recommend, with their weighted term vectors: TF-IDF over the analysed title
 * (counted twice: titles say more per word) and body, plus each topic as a term {@code topic:<name>}.
 * IDF uses the document frequencies at the time an item is added, which drift slowly; vectors are
 * rebuilt when the catalog has doubled since they were made.
 */
public final class Catalog {
    private static final double TOPIC_WEIGHT = 2.0;
    private final Map<String, Entry> items = new ConcurrentHashMap<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private int vectorsBuiltAt = 1;

    /** An item with its vector. */
    public record Entry(Item item, TermVector vector, Map<String, Integer> counts) { }

    /** Adds or replaces an item. */
    public synchronized void put(Item item) {
        Map<String, Integer> counts = counts(item);
        Entry old = items.get(item.id());
        if (old != null) old.counts().keySet().forEach(t -> documentFrequency.merge(t, -1, Integer::sum));
        counts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
        items.put(item.id(), new Entry(item, vector(counts), counts));
        if (items.size() >= 2 * vectorsBuiltAt) rebuildVectors();
    }

    public Optional<Entry> get(String id) {
        return Optional.ofNullable(items.get(id));
    }

    public int size() {
        return items.size();
    }

    public List<Entry> all() {
        return List.copyOf(items.values());
    }

    private static Map<String, Integer> counts(Item item) {
        Map<String, Integer> counts = new HashMap<>(TextAnalysis.termCounts(item.body()));
        TextAnalysis.termCounts(item.title()).forEach((t, n) -> counts.merge(t, 2 * n, Integer::sum));
        for (String topic : item.topics()) counts.put("topic:" + topic, 1);
        return counts;
    }

    private TermVector vector(Map<String, Integer> counts) {
        double n = Math.max(1, items.size() + 1);
        Map<String, Double> w = new HashMap<>();
        counts.forEach((t, c) -> {
            double idf = Math.log((n + 1) / (documentFrequency.getOrDefault(t, 0) + 1)) + 1;
            w.put(t, t.startsWith("topic:") ? TOPIC_WEIGHT * idf : (1 + Math.log(c)) * idf);
        });
        return TermVector.of(w);
    }

    private void rebuildVectors() {
        vectorsBuiltAt = items.size();
        items.replaceAll((id, e) -> new Entry(e.item(), vector(e.counts()), e.counts()));
    }
}
