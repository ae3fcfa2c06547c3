package dev.flywheel.flink;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Tables in this JVM that also keep the history: every entry the topology applied, by the job's seq
 * (a commit written again replaces the same seqs), so a test can feed an embedded runner exactly
 * what the job applied, in its order, whatever order its sources were read in.
 */
final class AppliedTables implements Tables {
    private static final Map<String, MemoryTables.Table<?>> TABLES = new ConcurrentHashMap<>();
    private static final Map<String, Map<Long, LogEntry>> HISTORY = new ConcurrentHashMap<>();
    private final String name;

    /** New, empty tables named {@code name}. */
    AppliedTables(String name) {
        this.name = name;
        TABLES.keySet().removeIf(k -> k.startsWith(name + "/"));
        HISTORY.remove(name);
    }

    /** The plug-in the job's main finds: {@code --tables applied --set applied.table=NAME}. */
    public static final class Plugin implements JobPlugin {
        @Override
        public String name() {
            return "applied";
        }

        @Override
        public Tables tables(Map<String, String> options) {
            return new AppliedTables(options.get("table"));
        }
    }

    /** The entries the job applied, in its order (dense seqs from 0 when nothing is missing). */
    static List<LogEntry> applied(String name) {
        Map<Long, LogEntry> h = HISTORY.getOrDefault(name, Map.of());
        synchronized (h) {
            return new ArrayList<>(new TreeMap<>(h).values());
        }
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> rows(String name, String kind) {
        MemoryTables.Table<T> t = (MemoryTables.Table<T>) TABLES.get(name + "/" + kind);
        return t == null ? List.of() : t.rows();
    }

    @Override
    public Set<Kind> kept() {
        return EnumSet.of(Kind.OUTCOMES, Kind.UNJOINED, Kind.SERVED_FEATURES, Kind.ALERTS, Kind.HISTORY);
    }

    @SuppressWarnings("unchecked")
    private <T> MemoryTables.Table<T> table(String kind, Function<T, String> identity) {
        return (MemoryTables.Table<T>) TABLES.computeIfAbsent(name + "/" + kind, k -> new MemoryTables.Table<>(identity));
    }

    @Override
    public Upserts<Outcome> outcomes() {
        return table("outcomes", RowIdentity::of);
    }

    @Override
    public Upserts<Unjoined> unjoined() {
        return table("unjoined", RowIdentity::of);
    }

    @Override
    public Upserts<ServedFeatures> servedFeatures() {
        return table("served", RowIdentity::of);
    }

    @Override
    public Upserts<Alert> alerts() {
        return table("alerts", RowIdentity::of);
    }

    @Override
    public History history() {
        Map<Long, LogEntry> h = HISTORY.computeIfAbsent(name, k -> new TreeMap<>());
        return (entries, served) -> {
            synchronized (h) {
                for (LogEntry e : entries) h.put(e.seq(), e);
            }
        };
    }
}
