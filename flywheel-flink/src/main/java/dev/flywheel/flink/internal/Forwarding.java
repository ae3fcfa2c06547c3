package dev.flywheel.flink.internal;

import dev.flywheel.feature.FeatureLog;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeStore;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.outcome.UnjoinedStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The topology's stores inside the job: what the operators write is handed on as the job's outputs,
 * for sinks that keep rows by their identity. So a restore has nothing to cut back ({@code keepFirst}
 * is a no-op: the replay after it emits the same rows again, and the sinks commit a row only once
 * the checkpoint after it is complete), and nothing is read back: operators only write.
 */
final class Forwarding {
    private static final String READ = "the job's rows are read from the tables its sinks write";

    private Forwarding() { }

    static OutcomeStore outcomes(TopologyRun.Outputs out) {
        return new OutcomeStore() {
            @Override
            public void append(List<Outcome> rows) {
                rows.forEach(out::outcome);
            }

            @Override
            public List<Outcome> query(String loop, Instant from, Instant to, int limit) {
                throw new UnsupportedOperationException(READ);
            }

            @Override
            public void keepFirst(long n) {
                // rows are kept by identity downstream, not numbered here
            }
        };
    }

    static UnjoinedStore unjoined(TopologyRun.Outputs out) {
        return new UnjoinedStore() {
            @Override
            public void append(List<Unjoined> rows) {
                rows.forEach(out::unjoined);
            }

            @Override
            public Map<Unjoined.Reason, Long> counts() {
                throw new UnsupportedOperationException(READ);
            }

            @Override
            public List<Unjoined> query(Unjoined.Reason reason, int limit) {
                throw new UnsupportedOperationException(READ);
            }

            @Override
            public void keepFirst(long n) {
                // as for outcomes
            }
        };
    }

    /** Every decision's served features: nothing was kept before the job, so {@code lastSeq} is -1. */
    static FeatureLog features(TopologyRun.Outputs out) {
        return new FeatureLog() {
            @Override
            public void append(List<ServedFeatures> rows) {
                rows.forEach(out::served);
            }

            @Override
            public List<ServedFeatures> get(String decision) {
                throw new UnsupportedOperationException(READ);
            }

            @Override
            public long lastSeq() {
                return -1;
            }
        };
    }
}
