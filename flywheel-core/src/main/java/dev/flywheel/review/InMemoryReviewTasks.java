package dev.flywheel.review;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Review tasks in memory, for harnesses and tests: gone with the process. */
public final class InMemoryReviewTasks implements ReviewTasks {
    private final List<ReviewTask> tasks = new ArrayList<>();
    private final Set<List<Object>> kept = new HashSet<>();

    @Override
    public synchronized List<ReviewTask> add(List<ReviewTask> more) {
        List<ReviewTask> added = new ArrayList<>();
        for (ReviewTask t : more) {
            if (!kept.add(List.of(t.loop(), t.alert(), t.kind(), t.subject()))) continue;
            ReviewTask n = t.numbered(tasks.size() + 1);
            tasks.add(n);
            added.add(n);
        }
        return added;
    }

    @Override
    public synchronized List<ReviewTask> list(String loop, ReviewTask.Status status, long offset, int limit) {
        return tasks.stream().filter(t -> matches(t, loop, status)).skip(offset).limit(limit).toList();
    }

    @Override
    public synchronized long count(String loop, ReviewTask.Status status) {
        return tasks.stream().filter(t -> matches(t, loop, status)).count();
    }

    private static boolean matches(ReviewTask t, String loop, ReviewTask.Status status) {
        return (loop == null || loop.equals(t.loop())) && (status == null || status == t.status());
    }
}
