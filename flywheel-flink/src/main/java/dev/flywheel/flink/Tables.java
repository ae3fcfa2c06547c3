package dev.flywheel.flink;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where the job's rows are kept: the seam the PostgreSQL tables (upserts) and the Parquet history
 * plug into. Serialized with the job and asked for each table it {@link #kept keeps} where that
 * table's committer runs, once per committer; each table is closed when the job stops.
 */
public interface Tables extends Serializable {
    /** The kinds of rows these tables keep; the job attaches a sink for each. */
    enum Kind { OUTCOMES, UNJOINED, SERVED_FEATURES, ALERTS, HISTORY }

    /** By default the rows the topology writes, not the history. */
    default Set<Kind> kept() {
        return EnumSet.of(Kind.OUTCOMES, Kind.UNJOINED, Kind.SERVED_FEATURES, Kind.ALERTS);
    }

    default Upserts<Outcome> outcomes() {
        throw new UnsupportedOperationException("these tables keep no outcomes");
    }

    default Upserts<Unjoined> unjoined() {
        throw new UnsupportedOperationException("these tables keep no unjoined feedback");
    }

    default Upserts<ServedFeatures> servedFeatures() {
        throw new UnsupportedOperationException("these tables keep no served features");
    }

    default Upserts<Alert> alerts() {
        throw new UnsupportedOperationException("these tables keep no alerts");
    }

    /**
     * Where the live serving state goes (features by key, learner states, consumed items, catalog
     * entries, applied offsets), as the job changes it (servers read it), or null: these tables keep none. The job attaches a {@link ServingStateSink} to it.
     */
    default ServingStateSink.Opener servingState() {
        return null;
    }

    default History history() {
        throw new UnsupportedOperationException("these tables keep no history");
    }
}
