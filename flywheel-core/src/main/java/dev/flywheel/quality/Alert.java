package dev.flywheel.quality;

import java.time.Instant;
import java.util.List;

/**
 * What a monitor raised about one loop's feedback in one window, with what it measured against what
 * it allows and whom it concerns.
 *
 * @param id          dense per engine, in the order raised: a reader resumes after the last it saw
 * @param loop        the loop watched
 * @param monitor     {@code drift}, {@code bots}, {@code clickbait}, …
 * @param windowStart the window judged (decision time), inclusive
 * @param windowEnd   exclusive
 * @param statistic   what was measured ({@code like_rate_change}, {@code robust_z}, …)
 * @param value       its value in this window
 * @param threshold   the bound it crossed
 * @param detail      the numbers behind it, in words (rates, p-value, counts)
 * @param users       the users concerned (bots), sorted; empty when none are named
 * @param items       the items concerned (clickbait), sorted
 * @param seq         the log position the monitor had reached when it raised the alert
 */
public record Alert(long id, String loop, String monitor, Instant windowStart, Instant windowEnd, String statistic,
                    double value, double threshold, String detail, List<String> users, List<String> items, long seq) {
    public Alert {
        if (loop == null || monitor == null || windowStart == null || windowEnd == null || statistic == null) {
            throw new IllegalArgumentException("loop, monitor, window and statistic are required");
        }
        if (!windowEnd.isAfter(windowStart)) throw new IllegalArgumentException("windowEnd must be after windowStart");
        users = users == null ? List.of() : List.copyOf(users);
        items = items == null ? List.of() : List.copyOf(items);
        detail = detail == null ? "" : detail;
    }

    /** The same alert with the id the board gave it. */
    Alert numbered(long n) {
        return new Alert(n, loop, monitor, windowStart, windowEnd, statistic, value, threshold, detail, users, items, seq);
    }
}
