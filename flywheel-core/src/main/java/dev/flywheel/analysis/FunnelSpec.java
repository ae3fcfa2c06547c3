package dev.flywheel.analysis;

import dev.flywheel.stats.internal.Checks;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * An ordered funnel over an event table: user, step and time columns, the steps in order, the window
 * (measured from the user's entry into the first step) and an optional group column.
 */
public record FunnelSpec(String userColumn, String stepColumn, String timeColumn, List<String> steps,
                         Duration window, String groupColumn, double confidence) {
    public FunnelSpec {
        if (userColumn == null || stepColumn == null || timeColumn == null) {
            throw new IllegalArgumentException("userColumn, stepColumn and timeColumn are required");
        }
        if (steps == null || steps.size() < 2) {
            throw new IllegalArgumentException("steps must name at least 2 steps, got " + steps);
        }
        if (new HashSet<>(steps).size() != steps.size()) {
            throw new IllegalArgumentException("steps must be distinct, got " + steps);
        }
        steps = List.copyOf(steps);
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        Checks.confidence(confidence);
    }

    /** Parses a window such as "7d", "12h", "30m", "45s" or an ISO-8601 duration ("PT36H"). */
    public static Duration parseWindow(String text) {
        return dev.flywheel.analysis.internal.Times.window(text);
    }
}
