package dev.flywheel.review;

import java.util.List;

/**
 * Where review tasks are kept until the review queue consumes them. Tasks are made from live alerts
 * only and are not derived from the event log, so a store keeps them across restarts. Adapters pass
 * {@code ReviewTasksContract}; thread-safe.
 */
public interface ReviewTasks {
    /**
     * Keeps the tasks not kept yet, numbering them in the order given; a task about the same subject
     * of the same alert in the same loop as one kept (or one earlier in the list) is skipped. Returns
     * the tasks kept by this call, numbered; they are visible to {@link #list} when it returns.
     */
    List<ReviewTask> add(List<ReviewTask> tasks);

    /**
     * Up to {@code limit} tasks of {@code loop} (null: every loop) in {@code status} (null: any), by
     * id, skipping the first {@code offset}.
     */
    List<ReviewTask> list(String loop, ReviewTask.Status status, long offset, int limit);

    /** How many tasks of {@code loop} (null: every loop) are in {@code status} (null: any). */
    long count(String loop, ReviewTask.Status status);
}
