package dev.flywheel.rollout;

import dev.flywheel.quality.Alert;
import dev.flywheel.quality.AlertBoard;
import dev.flywheel.rollout.RolloutData.UserTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in triggers of {@code rollout.retrain} (outcome volume, schedule, a metric drop) and of
 * {@code quality.actions: [retrain]} (a drift alert).
 */
public final class Triggers {
    /** The monitor whose alerts retrain, and the trigger's name. */
    public static final String DRIFT = "drift";

    private Triggers() { }

    /** The triggers a loop's retrain section turns on, in the order they are asked. */
    public static List<Trigger> of(RetrainSpec spec, RolloutData data, PromotionSpec promotion) {
        List<Trigger> out = new ArrayList<>();
        if (spec.outcomes() > 0) out.add(volume(spec.outcomes(), data));
        if (spec.every() != null) out.add(schedule(spec.every()));
        if (spec.metricDrop() != null) out.add(metricDrop(spec.metricDrop(), data, promotion));
        return out;
    }

    static Trigger volume(long outcomes, RolloutData data) {
        return (since, now) -> {
            long closed = data.closedSince(since.loop(), since.snapshotSeq());
            return closed < outcomes ? Optional.empty() : Optional.of(new Trigger.Fired("outcomes",
                    closed + " outcomes closed since the last snapshot (trigger at " + outcomes + ")",
                    Map.of("outcomes", (double) closed, "threshold", (double) outcomes)));
        };
    }

    static Trigger schedule(java.time.Duration every) {
        return (since, now) -> {
            Instant due = since.retrainedAt().plus(every);
            return now.isBefore(due) ? Optional.empty() : Optional.of(new Trigger.Fired("schedule",
                    "the schedule asks for a retraining every " + every, Map.of("every_seconds", (double) every.toSeconds())));
        };
    }

    /**
     * Fires when, in the current period, the champion's reward per decision is below the holdout's by
     * more than {@code drop} of the holdout's, by the always-valid interval; only once the period has
     * begun after the last retraining, so one drop starts one retraining.
     */
    static Trigger metricDrop(double drop, RolloutData data, PromotionSpec promotion) {
        return (since, now) -> {
            RolloutState s = since.state();
            if (s.holdoutShare() == 0 || s.since().isBefore(since.retrainedAt())) return Optional.empty();
            List<UserTotals> users = data.users(since.loop(), Set.of(s.period()), RolloutData.REWARD, promotion.cap());
            ArmComparison c = ArmComparison.of(users, ServingPlan.CHAMPION, ServingPlan.HOLDOUT, RolloutData.REWARD,
                    promotion.alphaPerTest(), promotion.plannedUsers());
            if (c == null || c.controlUsers() < promotion.minExposures()) return Optional.empty();
            double threshold = -drop * Math.abs(c.fixed().control().mean());
            if (c.sequential().interval().high() >= threshold) return Optional.empty();
            return Optional.of(new Trigger.Fired("metric-drop", "the champion earns less than the holdout's baseline",
                    c.numbers("champion_vs_holdout", threshold)));
        };
    }

    /**
     * Fires when the monitors raised a {@code drift} alert for the loop at a log position beyond the
     * last retraining's snapshot: the drift was seen in data that training has not had. It waits
     * until the store holds that position, so the snapshot it causes goes through the alert and the
     * same alert cannot fire again, after a restart either (the registry keeps the snapshot's end).
     * The newest such alert names the retraining; one retraining answers every alert before it.
     */
    public static Trigger drift(AlertBoard alerts, RolloutData data) {
        return (since, now) -> {
            Alert newest = null;
            int unanswered = 0;
            for (Alert a : alerts.list(since.loop(), null, 0)) {
                if (!DRIFT.equals(a.monitor()) || a.seq() <= since.snapshotSeq()) continue;
                newest = a;
                unanswered++;
            }
            if (newest == null || data.appliedSeq() < newest.seq()) return Optional.empty();
            return Optional.of(new Trigger.Fired(DRIFT, "drift alert " + newest.id() + ": " + newest.statistic() + " "
                    + newest.value() + " beyond " + newest.threshold() + " in the window from " + newest.windowStart()
                    + " (" + newest.detail() + ")", alertNumbers(newest, unanswered)));
        };
    }

    /** The alert's numbers for the audit record; a rate that rose from nothing has no finite change and is left out. */
    private static Map<String, Double> alertNumbers(Alert a, int unanswered) {
        Map<String, Double> out = new java.util.TreeMap<>(Map.of("alert", (double) a.id(), "threshold", a.threshold(),
                "alerts", (double) unanswered, "alert_seq", (double) a.seq()));
        if (Double.isFinite(a.value())) out.put("value", a.value());
        return out;
    }
}
