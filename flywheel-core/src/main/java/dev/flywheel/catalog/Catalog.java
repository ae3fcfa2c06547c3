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
 *
 * <p>It also knows the ids of items that were never posted but appear in decisions or feedback: a
 * product that imports its history without its catalog still has known items to recommend, only
 * without text.
 */
public final class Catalog {
    private static final double TOPIC_WEIGHT = 2.0;
    private final Map<String, Entry> items = new ConcurrentHashMap<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    /** Items seen in decisions or feedback, posted or not, in order of first sight. */
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
    /** Every known id once, posted or seen, in order of first appearance: indexable for sampling. */
    private final java.util.List<String> known = new java.util.ArrayList<>();
    private int vectorsBuiltAt = 1;

    /** An item with its vector. */
    public record Entry(Item item, TermVector vector, Map<String, Integer> counts) { }

    /** Adds or replaces an item. */
    public synchronized void put(Item item) {
        Map<String, Integer> counts = counts(item);
        Entry old = items.get(item.id());
        if (old == null && !seen.containsKey(item.id())) known.add(item.id());
        if (old != null) old.counts().keySet().forEach(t -> documentFrequency.merge(t, -1, Integer::sum));
        counts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
        items.put(item.id(), new Entry(item, vector(counts), counts));
        if (items.size() >= 2 * vectorsBuiltAt) rebuildVectors();
    }

    /** Notes an item id seen in a decision or an event. */
    public void noteSeen(String id) {
        if (seen.putIfAbsent(id, Boolean.TRUE) == null && !items.containsKey(id)) addKnown(id);
    }

    /** How many items are known (posted or seen), for drawing one at random. */
    public synchronized int knownCount() {
        return known.size();
    }

    /** The {@code i}-th known item, in order of first post or sight. */
    public synchronized String known(int i) {
        return known.get(i);
    }

    private synchronized void addKnown(String id) {
        known.add(id);
    }

    /** Whether the item was posted or seen in a decision or event. */
    public boolean knows(String id) {
        return items.containsKey(id) || seen.containsKey(id);
    }

    /**
     * Every item a loop may offer at {@code now} when a request names no candidates: the known items,
     * posted or only seen in feedback, in order of first appearance, without posted items that are
     * published later than {@code now}.
     */
    public List<String> offerable(java.time.Instant now) {
        List<String> ids;
        synchronized (this) {
            ids = new java.util.ArrayList<>(known);
        }
        List<String> out = new java.util.ArrayList<>(ids.size());
        for (String id : ids) {
            Entry e = items.get(id);
            if (e == null || e.item().published() == null || !e.item().published().isAfter(now)) out.add(id);
        }
        return out;
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

    /**
     * The catalog as a checkpoint keeps it: the known ids in order, which were only seen, and each
     * posted item with the vector it has now (its IDF is that of when it was built, not recomputable).
     */
    synchronized void writeState(dev.flywheel.state.StateWriter out) {
        out.putInt(vectorsBuiltAt).putStrings(known);
        out.putStrings(new java.util.TreeSet<>(seen.keySet()));
        out.putInt(items.size());
        for (String id : new java.util.TreeSet<>(items.keySet())) {
            Entry e = items.get(id);
            out.putEntry(new dev.flywheel.log.LogEntry.ItemEntry(0, 0, e.item()));
            e.vector().writeTo(out);
        }
    }

    /** Restores what {@link #writeState} wrote into this catalog, which must be empty. */
    synchronized void readState(dev.flywheel.state.StateReader in) {
        if (!known.isEmpty()) throw new IllegalStateException("a catalog is restored only when empty");
        vectorsBuiltAt = in.getInt();
        known.addAll(in.getStrings());
        in.getStrings().forEach(id -> seen.put(id, Boolean.TRUE));
        int n = in.count();
        for (int i = 0; i < n; i++) {
            Item item = ((dev.flywheel.log.LogEntry.ItemEntry) in.getEntry()).item();
            Map<String, Integer> counts = counts(item);
            counts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            items.put(item.id(), new Entry(item, TermVector.readFrom(in), counts));
        }
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
