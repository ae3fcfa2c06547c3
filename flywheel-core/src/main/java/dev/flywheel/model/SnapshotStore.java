package dev.flywheel.model;

import dev.flywheel.quality.Exclusions;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Where training snapshots are cut and kept. A snapshot is written completely (file, then manifest)
 * before {@link #create} returns and never changes after; cutting the same rows again gives the
 * same id and keeps one copy.
 */
public interface SnapshotStore {
    /**
     * Cuts a snapshot of {@code loop}: every decision at or below log position {@code throughSeq}
     * whose outcomes have closed, one row per served item, in log order.
     *
     * @param features the names of the values of the features column
     */
    default TrainingSnapshot create(String loop, long throughSeq, List<String> features) {
        return create(loop, throughSeq, features, Exclusions.NONE);
    }

    /**
     * {@link #create(String, long, List)} without the rows of the users and items {@code excluded}
     * names (flagged bots and clickbait: their events stay in the log); the manifest counts the rows
     * left out.
     */
    TrainingSnapshot create(String loop, long throughSeq, List<String> features, Exclusions excluded);

    /** Every snapshot kept, oldest first. */
    List<TrainingSnapshot> list();

    /** The manifest of snapshot {@code id}; {@link NoSuchElementException} when there is none. */
    TrainingSnapshot get(String id);

    /** The rows of snapshot {@code id}, in the file's order (read back from the file). */
    List<TrainingRow> rows(String id);

    /** Where the snapshot's file is, for people and tools that open it (DuckDB, pandas). */
    String location(String id);
}
