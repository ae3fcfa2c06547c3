package dev.flywheel.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.quality.Alert;
import dev.flywheel.quality.AlertBoard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Alerts naming users and items become review tasks, live only, capped per alert. */
class AlertReviewsTest {
    private static final Instant T = Instant.parse("2026-06-01T00:00:00Z");
    private final InMemoryReviewTasks tasks = new InMemoryReviewTasks();
    private final AlertReviews reviews = new AlertReviews(tasks, Set.of("shop"), Clock.fixed(T, ZoneOffset.UTC));

    private static Alert alert(String loop, String monitor, List<String> users, List<String> items) {
        return new Alert(0, loop, monitor, T, T.plusSeconds(3600), "click_through_robust_z", 6.5, 3.5, "bots", users, items, 42);
    }

    @Test
    void eachNamedUserAndItemOfALiveAlertIsOneOpenTaskAndTheReplayMakesNone() {
        AlertBoard board = new AlertBoard();
        board.subscribe(reviews);
        board.raise(alert("shop", "bots", List.of("u-old"), List.of())); // the start's replay: nobody hears it
        board.live();
        Alert bots = board.raise(alert("shop", "bots", List.of("u1", "u2"), List.of()));
        board.raise(alert("shop", "clickbait", List.of(), List.of("p7")));
        board.raise(alert("shop", "drift", List.of(), List.of()));
        board.raise(alert("feed", "bots", List.of("u3"), List.of())); // a loop without the action
        List<ReviewTask> open = tasks.list(null, ReviewTask.Status.OPEN, 0, 10);
        assertEquals(List.of("u1", "u2", "p7"), open.stream().map(ReviewTask::subject).toList());
        assertEquals(List.of(ReviewTask.Subject.USER, ReviewTask.Subject.USER, ReviewTask.Subject.ITEM),
                open.stream().map(ReviewTask::kind).toList());
        assertEquals(bots.id(), open.get(0).alert());
        assertEquals("bots", open.get(0).monitor());
        assertEquals(T, open.get(0).created());
        assertTrue(open.get(0).reason().startsWith("bots alert " + bots.id() + ": click_through_robust_z 6.5 against 3.5"),
                open.get(0).reason());
        reviews.accept(bots);
        assertEquals(3, tasks.count(null, null), "an alert heard twice queues once");
        assertEquals(3, reviews.created());
    }

    @Test
    void anAlertNamingMoreThanTheCapMakesCapTasksAndCountsTheRest() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 130; i++) users.add(String.format("u%03d", i));
        reviews.accept(alert("shop", "bots", users, List.of("p1")));
        assertEquals(AlertReviews.CAP, tasks.count("shop", null));
        assertEquals(31, reviews.leftOut());
        assertTrue(tasks.list("shop", null, 0, 1).get(0).reason().endsWith("it named 131, tasks for the first 100, 31 left out"));
    }
}
