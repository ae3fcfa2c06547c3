package dev.flywheel.store.duckdb;

import dev.flywheel.review.ReviewTasks;
import dev.flywheel.review.contract.ReviewTasksContract;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

/** The embedded store's review tasks table passes the review tasks contract, across reopening the file. */
class DuckDbReviewTasksTest extends ReviewTasksContract {
    private final Map<ReviewTasks, DuckDbRecordStore> stores = new IdentityHashMap<>();

    @Override
    protected ReviewTasks open(Path dir) {
        DuckDbRecordStore store = new DuckDbRecordStore(dir.resolve("store.duckdb"));
        DuckDbReviewTasks tasks = new DuckDbReviewTasks(store);
        stores.put(tasks, store);
        return tasks;
    }

    @Override
    protected void close(ReviewTasks tasks) {
        ((DuckDbReviewTasks) tasks).close();
        stores.remove(tasks).close();
    }
}
