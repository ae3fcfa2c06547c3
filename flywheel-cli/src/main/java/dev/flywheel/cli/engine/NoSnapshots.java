package dev.flywheel.cli.engine;

import dev.flywheel.model.SnapshotStore;
import dev.flywheel.model.TrainingRow;
import dev.flywheel.model.TrainingSnapshot;
import dev.flywheel.quality.Exclusions;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Training snapshots on a server of the distributed shape: none yet. Snapshots are cut from the
 * features kept as of each decision and the outcomes, which the Flink job holds; no adapter reads
 * them from PostgreSQL or Parquet yet, so a server lists none and refuses to cut one (with why).
 */
final class NoSnapshots implements SnapshotStore {
    @Override
    public TrainingSnapshot create(String loop, long throughSeq, List<String> features, Exclusions excluded) {
        throw new UnsupportedOperationException("training snapshots are not cut by a server of the distributed shape yet");
    }

    @Override
    public List<TrainingSnapshot> list() {
        return List.of();
    }

    @Override
    public TrainingSnapshot get(String id) {
        throw new NoSuchElementException("no snapshot " + id + " (a server of the distributed shape keeps none)");
    }

    @Override
    public List<TrainingRow> rows(String id) {
        throw new NoSuchElementException("no snapshot " + id + " (a server of the distributed shape keeps none)");
    }

    @Override
    public String location(String id) {
        throw new NoSuchElementException("no snapshot " + id + " (a server of the distributed shape keeps none)");
    }
}
