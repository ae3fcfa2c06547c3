package dev.flywheel.quality;

import java.util.List;

/**
 * Where alerts are kept outside the process that raised them: the distributed shape's Flink job
 * writes the alerts its monitors raise, and servers read them by id. An alert's id is its identity
 * (dense, in the order raised, the same in a replay), so a writer that sends an alert again after a
 * restore from its checkpoint leaves the one kept first. Adapters pass {@code AlertLogContract}.
 */
public interface AlertLog {
    /** Keeps the alerts whose ids are not kept yet; those already kept are skipped, unchanged. */
    void append(List<Alert> alerts);

    /** Up to {@code limit} alerts with an id above {@code afterId}, by id. */
    List<Alert> after(long afterId, int limit);
}
