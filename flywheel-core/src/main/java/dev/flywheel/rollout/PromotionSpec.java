package dev.flywheel.rollout;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A loop's {@code rollout.promotion}: the sequential tests that end a canary. The primary metric is
 * the loop's reward per decision, users as units. A canary is promoted when, after at least
 * {@code minExposures} canary decisions, the always-valid interval of (canary − champion) lies
 * above −margin × |champion|; it is rolled back when a guardrail's interval lies below
 * −guardrail margin × |champion|; it is retired as inconclusive after {@code maxExposures} canary
 * decisions. The error rate {@code alpha} is split evenly over the primary metric and the guardrails,
 * and each test is one-sided (promotion looks at the lower bound, a guardrail at the upper one), so
 * in an A/A canary promotion and rollback together fire at most at alpha.
 *
 * @param margin non-inferiority margin, as a share of the champion's mean (0: the canary must be better)
 * @param cap    each decision's reward counts at most this much in the tests (revenue: one huge order
 *               must not decide a canary); infinity: no cap. The ledger never caps.
 * @param plannedUsers the users (both arms) a canary is expected to reach: the confidence sequence
 *               is tightest there (it must be fixed before looking, so it is configuration)
 */
public record PromotionSpec(double alpha, long minExposures, long maxExposures, double margin, List<Guardrail> guardrails,
                            double cap, long plannedUsers) {
    public static final PromotionSpec DEFAULTS = new PromotionSpec(0.05, 200, 20_000, 0,
            List.of(new Guardrail(RolloutData.REWARD, 0)), Double.POSITIVE_INFINITY, 1_000);

    /** A metric that must not get worse than its margin (a share of the champion's mean). */
    public record Guardrail(String metric, double margin) {
        public Guardrail {
            if (metric == null || metric.isBlank()) throw new IllegalArgumentException("metric is required");
            if (!(margin >= 0)) throw new IllegalArgumentException("margin must not be negative");
        }
    }

    public PromotionSpec {
        if (!(alpha > 0 && alpha < 0.5)) throw new IllegalArgumentException("alpha must be in (0, 0.5)");
        if (minExposures < 2 || maxExposures < minExposures) throw new IllegalArgumentException("need 2 <= min_exposures <= max_exposures");
        if (!(margin >= 0)) throw new IllegalArgumentException("margin must not be negative");
        if (!(cap > 0)) throw new IllegalArgumentException("cap must be positive");
        if (plannedUsers < 2) throw new IllegalArgumentException("plannedUsers must be at least 2");
        guardrails = List.copyOf(guardrails);
    }

    /** The error rate of each test: alpha split over the primary metric and the guardrails. */
    public double alphaPerTest() {
        return alpha / (1 + guardrails.size());
    }

    static PromotionSpec from(ConfigTree t) {
        t.only(Set.of("alpha", "min_exposures", "max_exposures", "margin", "guardrails", "cap", "planned_users"));
        long min = t.longValue("min_exposures", DEFAULTS.minExposures(), 2, Long.MAX_VALUE);
        long max = t.longValue("max_exposures", Math.max(min, DEFAULTS.maxExposures()), 2, Long.MAX_VALUE);
        if (max < min) throw new ConfigException(t.keyOf("max_exposures"), "must be at least min_exposures");
        List<Guardrail> guardrails = new ArrayList<>();
        if (!t.keys().contains("guardrails")) guardrails.addAll(DEFAULTS.guardrails());
        for (ConfigTree g : t.sections("guardrails")) {
            g.only(Set.of("metric", "margin"));
            String metric = g.string("metric", null);
            if (metric == null || !(metric.equals(RolloutData.REWARD) || metric.matches("[a-z][a-z0-9_]{0,63}"))) {
                throw new ConfigException(g.keyOf("metric"), "must be reward or an event type");
            }
            guardrails.add(new Guardrail(metric, g.number("margin", 0, 0, 1)));
        }
        double cap = t.keys().contains("cap") ? t.number("cap", 1, 1e-9, 1e12) : Double.POSITIVE_INFINITY;
        return new PromotionSpec(t.number("alpha", DEFAULTS.alpha(), 1e-6, 0.49), min, max, t.number("margin", 0, 0, 1),
                guardrails, cap, t.longValue("planned_users", DEFAULTS.plannedUsers(), 2, Long.MAX_VALUE));
    }
}
