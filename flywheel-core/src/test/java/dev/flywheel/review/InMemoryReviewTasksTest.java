package dev.flywheel.review;

import dev.flywheel.review.contract.ReviewTasksContract;
import java.nio.file.Path;

class InMemoryReviewTasksTest extends ReviewTasksContract {
    @Override
    protected ReviewTasks open(Path dir) {
        return new InMemoryReviewTasks();
    }

    @Override
    protected void close(ReviewTasks tasks) {
        // nothing is held
    }

    @Override
    protected boolean durable() {
        return false;
    }
}
