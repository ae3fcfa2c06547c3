package dev.flywheel.feature;

import java.util.List;

/**
 * Where the features of served items are kept, as of their decisions. Unlike the outcomes it is
 * not rebuilt from the log at a start: batch models that train beside the stream make a replay's
 * inputs differ slightly from those served, and time travel must show what the model saw then.
 * Adapters pass {@code FeatureLogContract}.
 */
public interface FeatureLog {
    /** Appends rows; rows of decisions at or below {@link #lastSeq} are already kept and are skipped. */
    void append(List<ServedFeatures> rows);

    /** The rows of one decision, by position; empty when none are kept. */
    List<ServedFeatures> get(String decision);

    /** The highest decision seq kept, or -1. */
    long lastSeq();
}
