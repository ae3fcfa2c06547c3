package dev.flywheel.rollout;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.model.VersionRecord;
import java.time.Duration;
import java.util.Set;

/**
 * A loop's {@code rollout.retrain} triggers: what starts a retraining. None is on by default.
 *
 * @param outcomes   retrain when this many served items' outcomes have closed since the last
 *                   snapshot (0: off)
 * @param every      retrain on this schedule, by the engine's clock (null: off)
 * @param metricDrop retrain when the champion is worse than the holdout's baseline by more than this
 *                   share of the baseline's reward per decision, by the always-valid interval (null: off)
 * @param shadowDecisions champion decisions a new version scores in shadow before its canary
 * @param mode       what a retrained version is: frozen as its snapshot trained it (the default), or
 *                   online, going on learning from the loop's outcomes after its registration
 */
public record RetrainSpec(long outcomes, Duration every, Double metricDrop, int shadowDecisions, VersionRecord.Mode mode) {
    public static final RetrainSpec OFF = new RetrainSpec(0, null, null, 200, VersionRecord.Mode.FROZEN);

    public RetrainSpec {
        if (outcomes < 0) throw new IllegalArgumentException("outcomes must not be negative");
        if (every != null && (every.isZero() || every.isNegative())) throw new IllegalArgumentException("every must be positive");
        if (shadowDecisions < 1) throw new IllegalArgumentException("shadowDecisions must be at least 1");
        if (mode == null) throw new IllegalArgumentException("mode is required");
    }


    static RetrainSpec from(ConfigTree t) {
        t.only(Set.of("outcomes", "every", "metric_drop", "shadow_decisions", "mode"));
        Duration every = t.keys().contains("every") ? t.duration("every", null) : null;
        if (every != null && (every.isZero() || every.isNegative())) throw new ConfigException(t.keyOf("every"), "must be positive");
        Double drop = t.keys().contains("metric_drop") ? t.number("metric_drop", 0, 0, 1) : null;
        return new RetrainSpec(t.longValue("outcomes", 0, 0, Long.MAX_VALUE), every, drop,
                t.integer("shadow_decisions", OFF.shadowDecisions(), 1, 10_000_000), mode(t));
    }

    private static VersionRecord.Mode mode(ConfigTree t) {
        String mode = t.string("mode", "frozen");
        return switch (mode) {
            case "frozen" -> VersionRecord.Mode.FROZEN;
            case "online" -> VersionRecord.Mode.ONLINE;
            default -> throw new ConfigException(t.keyOf("mode"), "must be frozen or online, got " + mode);
        };
    }
}
