package dev.flywheel.loop;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.event.EventType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How a loop turns the reactions to one served item into a number.
 *
 * <p>reward = Σ weight(type) over the reactions in the window + Σ valueWeight(type) · value over
 * those that carry a value (a purchase's revenue) + dwellPerSecond · min(seconds, cap) for each
 * {@code dwell} reaction + {@code ignore} when the item was ignored. An item is ignored when
 * no reaction in the window carries a non-zero contribution: a dislike is a judgement, not an ignore,
 * so it is not punished twice.
 *
 * @param weights         weight per event type; types not listed weigh 0 (impressions usually)
 * @param ignore          added once when the item was ignored (usually a small negative number)
 * @param dwellPerSecond  weight of one second of dwell
 * @param dwellCapSeconds dwell beyond this many seconds earns nothing more (one stuck tab must not
 *                        outweigh a like)
 * @param window          the attribution window after the decision; its end is inclusive
 * @param valueWeights    weight per unit of an event's value, per event type (1 for purchase makes
 *                        the reward the revenue)
 */
public record RewardSpec(Map<String, Double> weights, double ignore, double dwellPerSecond,
                         double dwellCapSeconds, Duration window, Map<String, Double> valueWeights) {
    public static final String DWELL = "dwell";
    private static final double MAX_ABS_WEIGHT = 1e6;

    public RewardSpec {
        if (weights == null) throw new IllegalArgumentException("weights is required");
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (!EventType.validName(e.getKey())) {
                throw new IllegalArgumentException("weights: event type must match [a-z][a-z0-9_]{0,63}, got " + e.getKey());
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("weights." + e.getKey() + " must be a finite number");
            }
        }
        weights = Map.copyOf(weights);
        valueWeights = valueWeights == null ? Map.of() : Map.copyOf(valueWeights);
        for (Map.Entry<String, Double> e : valueWeights.entrySet()) {
            if (!EventType.validName(e.getKey()) || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("value_weights." + e.getKey() + " must name an event type and be finite");
            }
        }
        if (!Double.isFinite(ignore)) throw new IllegalArgumentException("ignore must be finite");
        if (!(dwellPerSecond >= 0 && Double.isFinite(dwellPerSecond))) {
            throw new IllegalArgumentException("dwellPerSecond must be finite and not negative");
        }
        if (!(dwellCapSeconds >= 0 && Double.isFinite(dwellCapSeconds))) {
            throw new IllegalArgumentException("dwellCapSeconds must be finite and not negative");
        }
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be a positive duration");
        }
    }

    public RewardSpec(Map<String, Double> weights, double ignore, double dwellPerSecond, double dwellCapSeconds,
                      Duration window) {
        this(weights, ignore, dwellPerSecond, dwellCapSeconds, window, Map.of());
    }

    /** The event types that earn something: a non-zero weight or a non-zero value weight. */
    public java.util.List<String> rewarded() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        weights.forEach((t, w) -> {
            if (w != 0) out.add(t);
        });
        valueWeights.forEach((t, w) -> {
            if (w != 0) out.add(t);
        });
        return java.util.List.copyOf(out);
    }

    /**
     * Reads {@code reward} ({@code weights.<type>}, {@code ignore}, {@code dwell_per_second},
     * {@code dwell_cap_seconds}) and {@code window} of a loop section; its other keys belong to other
     * parts of the loop and are not checked here. A loop without a reward section gets
     * the article loop of DESIGN.md: like +1, click +0.2, dislike −1, ignore −0.05, dwell 0.002/s up to
     * 5 minutes.
     */
    public static RewardSpec from(ConfigTree loop) {
        ConfigTree reward = loop.section("reward");
        if (reward.keys().isEmpty()) {
            Duration window = loop.duration("window", Duration.ofMinutes(30));
            if (window.isZero() || window.isNegative()) throw new ConfigException(loop.keyOf("window"), "must be positive");
            return new RewardSpec(Map.of("like", 1.0, "click", 0.2, "dislike", -1.0), -0.05, 0.002, 300, window);
        }
        reward.only(Set.of("weights", "ignore", "dwell_per_second", "dwell_cap_seconds", "value_weights"));
        Map<String, Double> weights = weights(reward.section("weights"));
        Duration window = loop.duration("window", Duration.ofMinutes(30));
        if (window.isZero() || window.isNegative()) throw new ConfigException(loop.keyOf("window"), "must be positive");
        return new RewardSpec(weights, reward.number("ignore", 0, -MAX_ABS_WEIGHT, MAX_ABS_WEIGHT),
                reward.number("dwell_per_second", 0, 0, MAX_ABS_WEIGHT),
                reward.number("dwell_cap_seconds", 300, 0, 86_400), window, weights(reward.section("value_weights")));
    }

    private static Map<String, Double> weights(ConfigTree w) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String type : w.keys()) {
            if (!EventType.validName(type)) {
                throw new ConfigException(w.keyOf(type), "is not an event type name ([a-z][a-z0-9_]{0,63})");
            }
            weights.put(type, w.number(type, 0, -MAX_ABS_WEIGHT, MAX_ABS_WEIGHT));
        }
        return weights;
    }

    /** The reward of one reaction of {@code type} with {@code value} (seconds for dwell, revenue for a purchase…). */
    public double contribution(String type, Double value) {
        double c = weights.getOrDefault(type, 0.0);
        if (value != null && !valueWeights.isEmpty()) c += valueWeights.getOrDefault(type, 0.0) * value;
        if (DWELL.equals(type) && value != null) c += dwellPerSecond * Math.min(Math.max(value, 0), dwellCapSeconds);
        return c;
    }
}
