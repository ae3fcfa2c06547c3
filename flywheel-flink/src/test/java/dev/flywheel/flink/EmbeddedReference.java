package dev.flywheel.flink;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.feature.FeatureLog;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.flink.internal.ConfigText;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.outcome.OutcomeStore;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.outcome.UnjoinedStore;
import dev.flywheel.quality.Alert;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.store.file.SegmentedFileLog;
import dev.flywheel.stream.EmbeddedRunner;
import dev.flywheel.topology.Topology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded shape over the same entries: a file log, the engine's runner, the topology of the
 * configuration built for a replay (batch models in line, as the job builds it), every row its
 * stores receive, the alerts raised, and the checkpoint it would write once caught up and idle.
 */
final class EmbeddedReference {
    record Result(List<Outcome> outcomes, List<Unjoined> unjoined, List<ServedFeatures> served, List<Alert> alerts,
                  Checkpoint state) { }

    private EmbeddedReference() { }

    static Result run(Path dir, String configText, List<LogEntry> entries) {
        return run(dir, configText, entries, entries.size());
    }

    /** The same, with the log quiet (the runner idles) after the first {@code quietAfter} entries. */
    static Result run(Path dir, String configText, List<LogEntry> entries, int quietAfter) {
        FlywheelConfig config = ConfigText.parse(configText);
        List<Outcome> outcomes = new ArrayList<>();
        List<Unjoined> unjoined = new ArrayList<>();
        List<ServedFeatures> served = new ArrayList<>();
        try (SegmentedFileLog log = new SegmentedFileLog(dir.resolve("log-" + quietAfter), false, 1L << 20)) {
            log.append(entries.subList(0, quietAfter));
            Topology t = Topology.build(config.loops(), new Catalog(), new OutcomeSink(outcomes(outcomes), unjoined(unjoined)),
                    true, features(served), config.expectations());
            try (t; EmbeddedRunner runner = new EmbeddedRunner(log, t.operators())) {
                runner.catchUp();
                runner.idleNow();
                if (quietAfter < entries.size()) {
                    log.append(entries.subList(quietAfter, entries.size()));
                    runner.catchUp();
                    runner.idleNow();
                }
                Checkpoint state = Checkpoint.of(runner.progress(), Instant.EPOCH, t.stateHolders());
                return new Result(outcomes, unjoined, served, t.alerts().list(null, null, 0), state);
            }
        }
    }

    private static OutcomeStore outcomes(List<Outcome> rows) {
        return new OutcomeStore() {
            @Override
            public void append(List<Outcome> o) {
                rows.addAll(o);
            }

            @Override
            public List<Outcome> query(String loop, Instant from, Instant to, int limit) {
                return List.copyOf(rows);
            }

            @Override
            public void keepFirst(long n) {
                rows.subList((int) n, rows.size()).clear();
            }
        };
    }

    private static UnjoinedStore unjoined(List<Unjoined> rows) {
        return new UnjoinedStore() {
            @Override
            public void append(List<Unjoined> u) {
                rows.addAll(u);
            }

            @Override
            public Map<Unjoined.Reason, Long> counts() {
                Map<Unjoined.Reason, Long> out = new EnumMap<>(Unjoined.Reason.class);
                rows.forEach(u -> out.merge(u.reason(), 1L, Long::sum));
                return out;
            }

            @Override
            public List<Unjoined> query(Unjoined.Reason reason, int limit) {
                return List.copyOf(rows);
            }

            @Override
            public void keepFirst(long n) {
                rows.subList((int) n, rows.size()).clear();
            }
        };
    }

    private static FeatureLog features(List<ServedFeatures> rows) {
        return new FeatureLog() {
            @Override
            public void append(List<ServedFeatures> f) {
                rows.addAll(f);
            }

            @Override
            public List<ServedFeatures> get(String decision) {
                return rows.stream().filter(f -> f.decision().equals(decision)).toList();
            }

            @Override
            public long lastSeq() {
                return -1;
            }
        };
    }
}
