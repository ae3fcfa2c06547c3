package dev.flywheel.flink;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Idempotent tables in this JVM, where the MiniCluster's committers run: one row per identity (the
 * latest written), in the order identities were first written, and how many rows were written in
 * all. Named, so a test reads what its own job committed.
 */
final class MemoryTables implements Tables {
    private static final Map<String, Table<?>> TABLES = new ConcurrentHashMap<>();
    private final String name;

    /** New, empty tables named {@code name} (a job's tables of that name from before are dropped). */
    MemoryTables(String name) {
        this.name = name;
        for (String kind : List.of("outcomes", "unjoined", "served", "alerts")) TABLES.remove(name + "/" + kind);
    }

    /** The outcomes the tables named {@code name} hold, as a job's main left them. */
    @SuppressWarnings("unchecked")
    static List<Outcome> outcomesOf(String name) {
        Table<Outcome> t = (Table<Outcome>) TABLES.get(name + "/outcomes");
        return t == null ? List.of() : t.rows();
    }

    static final class Table<T> implements Upserts<T> {
        private final Function<T, String> identity;
        private final Map<String, T> rows = new LinkedHashMap<>();
        private long writes;

        Table(Function<T, String> identity) {
            this.identity = identity;
        }

        @Override
        public synchronized void upsert(List<T> batch) {
            for (T row : batch) rows.put(identity.apply(row), row);
            writes += batch.size();
        }

        synchronized List<T> rows() {
            return new ArrayList<>(rows.values());
        }

        synchronized long writes() {
            return writes;
        }
    }

    @SuppressWarnings("unchecked")
    private <T> Table<T> table(String kind, Function<T, String> identity) {
        return (Table<T>) TABLES.computeIfAbsent(name + "/" + kind, k -> new Table<>(identity));
    }

    @Override
    public Table<Outcome> outcomes() {
        return table("outcomes", RowIdentity::of);
    }

    @Override
    public Table<Unjoined> unjoined() {
        return table("unjoined", RowIdentity::of);
    }

    @Override
    public Table<ServedFeatures> servedFeatures() {
        return table("served", RowIdentity::of);
    }

    @Override
    public Table<Alert> alerts() {
        return table("alerts", RowIdentity::of);
    }
}
