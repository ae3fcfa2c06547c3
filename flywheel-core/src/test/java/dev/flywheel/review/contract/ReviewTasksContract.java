package dev.flywheel.review.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.review.ReviewTask;
import dev.flywheel.review.ReviewTask.Status;
import dev.flywheel.review.ReviewTask.Subject;
import dev.flywheel.review.ReviewTasks;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link ReviewTasks} adapter must do. */
public abstract class ReviewTasksContract {
    static final Instant T = Instant.parse("2026-11-01T10:00:00.123456789Z");
    @TempDir
    protected Path dir;

    /** Opens the adapter over {@code dir}; opening the same directory again gives the same tasks. */
    protected abstract ReviewTasks open(Path dir);

    protected abstract void close(ReviewTasks tasks);

    private static ReviewTask task(String loop, long alert, Subject kind, String subject) {
        return ReviewTask.open(T.plusSeconds(alert), loop, alert, kind == Subject.USER ? "bots" : "clickbait", kind, subject,
                "alert " + alert + " named " + subject);
    }

    @Test
    void tasksAreNumberedInTheOrderKeptAndComeBackWholeByLoopAndStatus() {
        ReviewTasks s = open(dir);
        List<ReviewTask> added = s.add(List.of(task("shop", 3, Subject.USER, "u1"), task("shop", 3, Subject.USER, "u2"),
                task("feed", 4, Subject.ITEM, "x")));
        assertEquals(List.of(1L, 2L, 3L), added.stream().map(ReviewTask::id).toList());
        assertEquals(task("shop", 3, Subject.USER, "u1").numbered(1), added.get(0));
        assertEquals(Instant.parse("2026-11-01T10:00:03.123456Z"), added.get(0).created(), "kept to the microsecond");
        assertEquals(added, s.list(null, null, 0, 10));
        assertEquals(added.subList(0, 2), s.list("shop", Status.OPEN, 0, 10));
        assertEquals(added.subList(1, 2), s.list("shop", null, 1, 1), "offset and limit page by id");
        assertEquals(List.of(), s.list("nope", null, 0, 10));
        assertEquals(3, s.count(null, null));
        assertEquals(2, s.count("shop", Status.OPEN));
        assertEquals(0, s.count("nope", Status.OPEN));
        close(s);
    }

    @Test
    void theSameSubjectOfTheSameAlertIsKeptOnceWhetherAddedAgainOrTwiceInOneCall() {
        ReviewTasks s = open(dir);
        s.add(List.of(task("shop", 3, Subject.USER, "u1")));
        List<ReviewTask> again = s.add(List.of(task("shop", 3, Subject.USER, "u1"), task("shop", 3, Subject.ITEM, "u1"),
                task("shop", 5, Subject.USER, "u1"), task("shop", 5, Subject.USER, "u1")));
        assertEquals(List.of(2L, 3L), again.stream().map(ReviewTask::id).toList(), "only what was new, numbered on");
        assertEquals(List.of(Subject.ITEM, Subject.USER), again.stream().map(ReviewTask::kind).toList());
        assertEquals(3, s.count("shop", null));
        assertEquals(List.of(), s.add(List.of()));
        close(s);
    }

    @Test
    void tasksSurviveReopeningAndNumberingGoesOn() {
        ReviewTasks s = open(dir);
        List<ReviewTask> added = s.add(List.of(task("shop", 3, Subject.USER, "u1"), task("shop", 3, Subject.ITEM, "p9")));
        close(s);
        ReviewTasks again = open(dir);
        assertEquals(added, again.list("shop", Status.OPEN, 0, 10));
        assertEquals(List.of(), again.add(List.of(task("shop", 3, Subject.USER, "u1"))), "kept before the restart");
        assertEquals(3, again.add(List.of(task("shop", 6, Subject.USER, "u1"))).get(0).id());
        close(again);
    }
}
