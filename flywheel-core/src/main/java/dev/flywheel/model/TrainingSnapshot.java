package dev.flywheel.model;

import java.time.Instant;
import java.util.List;

/**
 * The manifest of a versioned training snapshot: an immutable file of one row per served item of
 * each decision of a loop whose outcome had closed, with the features as of the decision, the
 * propensity, the arm and version that served it and the joined reward. Its id is the SHA-256 of
 * the file, so the same rows always make the same snapshot and a version names exactly what it
 * was trained on.
 *
 * @param fromSeq  the first decision's log position in it
 * @param toSeq    the log position it was cut at (decisions after it are not in it)
 * @param schema   the file's columns as {@code name TYPE}
 * @param features the names of the values in the {@code features} column, in order
 */
public record TrainingSnapshot(String id, String loop, long fromSeq, long toSeq, Instant from, Instant to, long rows,
                               List<String> schema, List<String> features, Instant created, long excluded) {
    public TrainingSnapshot {
        if (id == null || !id.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("id must be a SHA-256 in hex");
        if (loop == null || created == null) throw new IllegalArgumentException("loop and created are required");
        if (rows < 0 || excluded < 0) throw new IllegalArgumentException("rows and excluded must not be negative");
        schema = List.copyOf(schema);
        features = List.copyOf(features);
    }

    /** A snapshot that left nothing out. */
    public TrainingSnapshot(String id, String loop, long fromSeq, long toSeq, Instant from, Instant to, long rows,
                            List<String> schema, List<String> features, Instant created) {
        this(id, loop, fromSeq, toSeq, from, to, rows, schema, features, created, 0);
    }
}
