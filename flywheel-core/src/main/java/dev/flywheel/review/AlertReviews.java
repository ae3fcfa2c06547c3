package dev.flywheel.review;

import dev.flywheel.quality.Alert;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@code review} action of alerts: an alert of a loop that configures it becomes one open task
 * per user and per item it names (users first, each in the alert's order), at most {@link #CAP} per
 * alert; the subjects beyond the cap are counted in {@link #leftOut} and in the tasks' reason. An
 * alert that names nobody (drift) makes no task.
 *
 * <p>Subscribe it to the alert board, which hands it live alerts only: a start's replay raises the
 * old alerts again without making their tasks twice (and the store would skip them anyway). It runs
 * on the thread that raised the alert and never throws into it: tasks that could not be stored are
 * counted in {@link #failures}.
 */
public final class AlertReviews implements Consumer<Alert> {
    /** Tasks per alert: a person works through a hundred; a bot farm of thousands is one decision, not thousands. */
    public static final int CAP = 100;
    private final ReviewTasks tasks;
    private final Set<String> loops;
    private final Clock clock;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong leftOut = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** @param loops the loops whose {@code quality.actions} include {@code review} */
    public AlertReviews(ReviewTasks tasks, Set<String> loops, Clock clock) {
        this.tasks = tasks;
        this.loops = Set.copyOf(loops);
        this.clock = clock;
    }

    @Override
    public void accept(Alert a) {
        if (!loops.contains(a.loop())) return;
        List<ReviewTask> made = tasksOf(a);
        if (made.isEmpty()) return;
        try {
            created.addAndGet(tasks.add(made).size());
        } catch (RuntimeException e) {
            failures.addAndGet(made.size());
        }
    }

    /** The tasks {@code a} makes, at most {@link #CAP}. */
    List<ReviewTask> tasksOf(Alert a) {
        int named = a.users().size() + a.items().size();
        int over = Math.max(0, named - CAP);
        leftOut.addAndGet(over);
        String reason = reason(a, named, over);
        List<ReviewTask> out = new ArrayList<>(Math.min(named, CAP));
        for (String u : a.users()) {
            if (out.size() < CAP) out.add(ReviewTask.open(clock.instant(), a.loop(), a.id(), a.monitor(), ReviewTask.Subject.USER, u, reason));
        }
        for (String i : a.items()) {
            if (out.size() < CAP) out.add(ReviewTask.open(clock.instant(), a.loop(), a.id(), a.monitor(), ReviewTask.Subject.ITEM, i, reason));
        }
        return out;
    }

    private static String reason(Alert a, int named, int over) {
        String s = a.monitor() + " alert " + a.id() + ": " + a.statistic() + " " + a.value() + " against " + a.threshold()
                + " in the window from " + a.windowStart() + " to " + a.windowEnd() + " (" + a.detail() + ")";
        return over == 0 ? s : s + "; it named " + named + ", tasks for the first " + CAP + ", " + over + " left out";
    }

    /** Tasks stored since the start. */
    public long created() {
        return created.get();
    }

    /** Subjects named beyond the cap of their alert, since the start. */
    public long leftOut() {
        return leftOut.get();
    }

    /** Tasks that could not be stored. */
    public long failures() {
        return failures.get();
    }
}
