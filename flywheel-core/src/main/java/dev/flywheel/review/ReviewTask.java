package dev.flywheel.review;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One subject an alert named, waiting for a person to look at it.
 *
 * @param id      dense per store, from 1, in the order added; 0 before the store numbers it
 * @param created when the task was made, to the microsecond (what stores keep)
 * @param loop    the loop whose monitor raised the alert
 * @param alert   the alert's id on the board
 * @param monitor the monitor that raised it ({@code bots}, {@code clickbait}, …)
 * @param kind    whether the subject is a user or an item
 * @param subject the user's or the item's id
 * @param reason  why it is to be reviewed, in words (the alert's statistic and numbers)
 */
public record ReviewTask(long id, Instant created, String loop, long alert, String monitor, Subject kind, String subject,
                         String reason, Status status) {
    /** What a task is about. */
    public enum Subject {
        USER, ITEM;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where a task stands; the review queue adds the states after {@code open}. */
    public enum Status {
        OPEN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the statuses there are */
        public static Status parse(String s) {
            for (Status v : values()) {
                if (v.wireName().equals(s)) return v;
            }
            throw new IllegalArgumentException("must be one of open, got '" + s + "'");
        }
    }

    public ReviewTask {
        if (id < 0) throw new IllegalArgumentException("id must not be negative");
        if (created == null || loop == null || monitor == null || kind == null || subject == null || status == null) {
            throw new IllegalArgumentException("created, loop, monitor, kind, subject and status are required");
        }
        created = created.truncatedTo(ChronoUnit.MICROS);
        reason = reason == null ? "" : reason;
    }

    /** A new open task, numbered by the store that keeps it. */
    public static ReviewTask open(Instant created, String loop, long alert, String monitor, Subject kind, String subject,
                                  String reason) {
        return new ReviewTask(0, created, loop, alert, monitor, kind, subject, reason, Status.OPEN);
    }

    /** The same task with the id its store gave it. */
    public ReviewTask numbered(long n) {
        return new ReviewTask(n, created, loop, alert, monitor, kind, subject, reason, status);
    }
}
