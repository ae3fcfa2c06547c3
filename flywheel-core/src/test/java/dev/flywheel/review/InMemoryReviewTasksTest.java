package dev.flywheel.review;

import dev.flywheel.review.contract.ReviewTasksContract;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The in-memory adapter passes the contract; reopening a directory hands back the same instance, as a process that keeps it would. */
class InMemoryReviewTasksTest extends ReviewTasksContract {
    private final Map<Path, ReviewTasks> open = new HashMap<>();

    @Override
    protected ReviewTasks open(Path dir) {
        return open.computeIfAbsent(dir, d -> new InMemoryReviewTasks());
    }

    @Override
    protected void close(ReviewTasks tasks) {
        // nothing is held
    }
}
