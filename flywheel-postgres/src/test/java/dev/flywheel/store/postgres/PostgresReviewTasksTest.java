package dev.flywheel.store.postgres;

import dev.flywheel.review.ReviewTasks;
import dev.flywheel.review.contract.ReviewTasksContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** The review tasks table passes the review tasks contract, across reopening the database. */
class PostgresReviewTasksTest extends ReviewTasksContract {
    private final Reopening db = new Reopening();

    @Override
    protected ReviewTasks open(Path dir) {
        return new PostgresReviewTasks(db.open());
    }

    @Override
    protected void close(ReviewTasks tasks) {
        db.close();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
