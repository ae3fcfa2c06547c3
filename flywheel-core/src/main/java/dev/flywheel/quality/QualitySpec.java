package dev.flywheel.quality;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.event.EventType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A loop's {@code quality:} section: how its feedback is watched and what an alert does.
 *
 * <p>Windows are tumbling, by decision time, aligned to multiples of {@code window} since the epoch. A
 * window is judged once the outcomes of its decisions have all closed, and only with at least
 * {@code min_impressions} outcomes; quieter windows are neither judged nor used as a reference.
 * A rate drifts when the window's rate moved in the adverse direction against the pooled
 * {@code baseline} judged windows before it by more than {@code min_change} (relative) and a one-sided
 * test, clustered by decision, rejects at the level {@code alpha} spends on that window (see
 * RateDrift: the chance of any false alert while one reference lasts stays below {@code alpha} per
 * rate). After a drift alert the reference starts again from the windows that follow, so one shift
 * raises one alert.
 *
 * @param rates the event types whose per-impression rate is watched, each with its adverse direction;
 *              by default the reward's positively weighted types, which must not fall
 */
public record QualitySpec(boolean enabled, Duration window, int minImpressions, int baseline, double alpha,
                          double minChange, Map<String, Direction> rates, boolean contamination, Set<Action> actions) {
    public enum Direction { UP, DOWN }

    /** What an alert does beside being listed and delivered. */
    public enum Action {
        /** flagged bots' and clickbait items' feedback is left out of learning and training snapshots */
        EXCLUDE,
        /**
         * a drift or contamination alert pauses the loop's canary: the challenger stops serving until
         * a person decides (rollout.CanaryPause)
         */
        PAUSE_CANARY,
        /** a drift alert fires the loop's retraining trigger, once per alert (rollout.Triggers#drift) */
        RETRAIN,
        /** the users and items an alert names become review tasks (review.AlertReviews) */
        REVIEW
    }

    public static final Set<String> KEYS = Set.of("enabled", "window", "min_impressions", "baseline", "alpha", "min_change",
            "rates", "contamination", "actions");

    public QualitySpec {
        if (window == null || window.isZero() || window.isNegative()) throw new IllegalArgumentException("window must be positive");
        if (minImpressions < 1 || baseline < 1) throw new IllegalArgumentException("min_impressions and baseline must be positive");
        if (!(alpha > 0 && alpha < 1) || !(minChange >= 0)) throw new IllegalArgumentException("alpha in (0, 1), min_change >= 0");
        // sorted, not Map.copyOf: its iteration order changes from one JVM to the next, and the
        // monitors index their window counts by it, so a checkpoint read by another process would
        // have mixed one rate's counts with another's
        rates = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rates));
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
    }

    /** Reads a loop's {@code quality} section; {@code rewardWeights} give the default rates. */
    public static QualitySpec from(ConfigTree t, Map<String, Double> rewardWeights) {
        t.only(KEYS);
        Duration window = t.duration("window", Duration.ofHours(1));
        if (window.isZero() || window.isNegative()) throw new ConfigException(t.keyOf("window"), "must be positive");
        return new QualitySpec(t.bool("enabled", true), window, t.integer("min_impressions", 500, 1, Integer.MAX_VALUE),
                t.integer("baseline", 3, 1, 1_000), t.number("alpha", 0.01, 1e-12, 0.5), t.number("min_change", 0.25, 0, 100),
                rates(t, rewardWeights), t.bool("contamination", true), actions(t));
    }

    private static Map<String, Direction> rates(ConfigTree t, Map<String, Double> rewardWeights) {
        Map<String, Direction> out = new LinkedHashMap<>();
        ConfigTree r = t.section("rates");
        if (r.keys().isEmpty()) {
            // the rewarded reactions must not fall; the penalised ones are rarer, and a policy's own
            // exploration moves their rate more than the statistics of a window can tell apart from
            // drift, so they are watched when configured
            rewardWeights.forEach((type, w) -> {
                if (w > 0) out.put(type, Direction.DOWN);
            });
            return out;
        }
        for (String type : r.keys()) {
            if (!EventType.validName(type)) throw new ConfigException(r.keyOf(type), "is not an event type name");
            String d = r.string(type, "");
            if (!d.equals("up") && !d.equals("down")) throw new ConfigException(r.keyOf(type), "must be up or down, got " + d);
            out.put(type, d.equals("up") ? Direction.UP : Direction.DOWN);
        }
        return out;
    }

    private static Set<Action> actions(ConfigTree t) {
        if (!t.keys().contains("actions")) return Set.of(Action.EXCLUDE);
        Set<Action> out = EnumSet.noneOf(Action.class);
        var names = t.strings("actions");
        for (int i = 0; i < names.size(); i++) {
            try {
                out.add(Action.valueOf(names.get(i).toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(t.keyOf("actions") + "[" + i + "]",
                        "must be exclude, pause_canary, retrain or review, got " + names.get(i));
            }
        }
        return out;
    }

    public boolean acts(Action a) {
        return enabled && actions.contains(a);
    }
}
