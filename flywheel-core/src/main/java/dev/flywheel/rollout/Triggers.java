package dev.flywheel.rollout;

import dev.flywheel.rollout.RolloutData.UserTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in triggers of {@code rollout.retrain}: outcome volume, schedule and a metric drop. */
public final class Triggers {
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
}
