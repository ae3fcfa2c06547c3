package dev.flywheel.rollout;

import dev.flywheel.quality.Alert;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@code pause_canary} action of alerts: a {@code drift}, {@code bots} or {@code clickbait} alert
 * of a loop that configures it pauses the loop's canary, if it has one ({@link VersionStatus#PAUSED}:
 * the champion serves the canary's share until a person decides), recorded with actor
 * {@link ModelLifecycle#MONITOR} and a reason naming the alert. A canary judged on drifted or
 * contaminated feedback would be promoted or rolled back for the data's sake, not the model's. A
 * challenger still in shadow serves nobody yet and is left alone.
 *
 * <p>Subscribe it to the alert board, which hands it live alerts only: the pause is an audit record,
 * so a restart keeps it without hearing the alert again. It runs on the thread that raised the alert
 * (the stream runner) and never throws into it: a pause that fails (the audit log could not be
 * written) is counted in {@link #failures}.
 */
public final class CanaryPause implements Consumer<Alert> {
    /** The monitors whose alerts pause a canary. */
    public static final Set<String> MONITORS = Set.of("drift", "bots", "clickbait");
    private final ModelLifecycle lifecycle;
    private final Set<String> loops;
    private final AtomicLong paused = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** @param loops the loops whose {@code quality.actions} include {@code pause_canary} */
    public CanaryPause(ModelLifecycle lifecycle, Set<String> loops) {
        this.lifecycle = lifecycle;
        this.loops = Set.copyOf(loops);
    }

    @Override
    public void accept(Alert a) {
        if (!loops.contains(a.loop()) || !MONITORS.contains(a.monitor()) || !lifecycle.serves(a.loop())) return;
        try {
            if (lifecycle.pauseCanary(a.loop(), ModelLifecycle.MONITOR, reason(a), numbers(a)) != null) paused.incrementAndGet();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
        }
    }

    static String reason(Alert a) {
        return a.monitor() + " alert " + a.id() + ": " + a.statistic() + " " + a.value() + " against " + a.threshold()
                + " in the window from " + a.windowStart() + " to " + a.windowEnd() + " (" + a.detail()
                + "); the canary serves nobody until a person starts it again, promotes, retires or rolls it back";
    }

    private static Map<String, Double> numbers(Alert a) {
        Map<String, Double> out = new TreeMap<>(Map.of("alert", (double) a.id(), "threshold", a.threshold(),
                "alert_seq", (double) a.seq()));
        if (Double.isFinite(a.value())) out.put("value", a.value());
        return out;
    }

    /** Canaries paused since the start. */
    public long paused() {
        return paused.get();
    }

    /** Pauses that failed (the alert is still listed; a person can pause by hand). */
    public long failures() {
        return failures.get();
    }
}
