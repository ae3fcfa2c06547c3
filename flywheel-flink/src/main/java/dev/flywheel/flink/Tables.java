package dev.flywheel.flink;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import java.io.Serializable;

/**
 * Where the job's rows are kept: the seam the PostgreSQL tables (upserts) and the Parquet history
 * plug into. Serialized with the job and asked for each table where its committer runs, once per
 * committer; each table is closed when the job stops.
 */
public interface Tables extends Serializable {
    Upserts<Outcome> outcomes();

    Upserts<Unjoined> unjoined();

    Upserts<ServedFeatures> servedFeatures();

    Upserts<Alert> alerts();
}
