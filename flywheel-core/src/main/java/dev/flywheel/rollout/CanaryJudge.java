package dev.flywheel.rollout;

import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.rollout.RolloutData.ShadowMatch;
import dev.flywheel.rollout.RolloutData.UserTotals;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules that move a challenger on: from shadow to canary when its off-policy estimate against
 * the champion is not clearly worse, and from canary to champion, or back, by the always-valid tests
 * of {@link PromotionSpec}. Every verdict goes to the audit log with the statistic, its interval and
 * the threshold that decided it.
 */
public final class CanaryJudge {
    public static final String SHADOW_RULE = "rule:shadow-check";
    public static final String PROMOTION_RULE = "rule:promotion";
    public static final String GUARDRAIL_RULE = "rule:guardrail";
    /** Users per arm before a guardrail may fire: the intervals are asymptotic. */
    private static final long GUARDRAIL_USERS = 30;
    private final ModelLifecycle lifecycle;
    private final RolloutData data;

    public CanaryJudge(ModelLifecycle lifecycle, RolloutData data) {
        this.lifecycle = lifecycle;
        this.data = data;
    }

    /**
     * After enough shadowed decisions: the challenger's value in the first slot, estimated from the
     * champion's decisions by self-normalised importance weighting (a logged first item weighs
     * 1 / its propensity when the challenger's own draw put the same item first: the weights average
     * to 1 in expectation, and normalising by their sum keeps the rare explored matches from
     * swinging the estimate), minus the champion's own first-slot value. Clearly worse (the 95 %
     * interval of the difference, by the delta method, below the margin) rolls it back; otherwise,
     * and when too few decisions overlap to judge ({@link ShadowEstimate#judgeable}), its canary starts.
     */
    public AuditRecord judgeShadow(String loop, RolloutState s, RolloutSpec spec) {
        List<ShadowMatch> m = data.shadow(loop, s.challenger(), s.period(), spec.promotion().cap());
        if (m.size() < spec.retrain().shadowDecisions()) return null;
        ShadowEstimate e = ShadowEstimate.of(m);
        double threshold = -spec.promotion().margin() * Math.abs(e.champion());
        Map<String, Double> numbers = e.numbers(threshold);
        if (e.judgeable() && e.high() < threshold) {
            return lifecycle.change(loop, Action.ROLLBACK, s.challenger(), SHADOW_RULE,
                    "off-policy estimate in shadow: clearly worse than the champion", numbers);
        }
        return lifecycle.change(loop, Action.CANARY, s.challenger(), SHADOW_RULE, e.judgeable()
                ? "off-policy estimate in shadow: not clearly worse than the champion"
                : "too few shadowed decisions overlap the champion's to judge: the canary decides", numbers);
    }

    /** One look at a canary: rollback on a breached guardrail, promotion when better, retirement when inconclusive. */
    public AuditRecord judgeCanary(String loop, RolloutState s, PromotionSpec p) {
        for (PromotionSpec.Guardrail g : p.guardrails()) {
            ArmComparison c = compare(loop, s, g.metric(), p);
            if (c == null || c.treatmentUsers() < GUARDRAIL_USERS) return null;
            double threshold = -g.margin() * Math.abs(c.fixed().control().mean());
            if (c.sequential().interval().high() < threshold) {
                return lifecycle.change(loop, Action.ROLLBACK, s.challenger(), GUARDRAIL_RULE,
                        "guardrail " + g.metric() + " breached: the canary is worse than the champion",
                        c.numbers(g.metric(), threshold));
            }
        }
        ArmComparison c = compare(loop, s, RolloutData.REWARD, p);
        if (c == null) return null;
        double threshold = -p.margin() * Math.abs(c.fixed().control().mean());
        if (c.treatmentDecisions() >= p.minExposures() && c.sequential().interval().low() > threshold) {
            return lifecycle.change(loop, Action.PROMOTE, s.challenger(), PROMOTION_RULE,
                    p.margin() == 0 ? "the canary earns more than the champion" : "the canary is not worse than the champion by the margin",
                    c.numbers(RolloutData.REWARD, threshold));
        }
        if (c.treatmentDecisions() >= p.maxExposures()) {
            return lifecycle.change(loop, Action.RETIRE, s.challenger(), PROMOTION_RULE,
                    "inconclusive after " + c.treatmentDecisions() + " canary decisions", c.numbers(RolloutData.REWARD, threshold));
        }
        return null;
    }

    private ArmComparison compare(String loop, RolloutState s, String metric, PromotionSpec p) {
        List<UserTotals> users = data.users(loop, Set.of(s.period()), metric, RolloutData.REWARD.equals(metric) ? p.cap() : Double.POSITIVE_INFINITY);
        return ArmComparison.of(users, ServingPlan.CANARY, ServingPlan.CHAMPION, metric, p.alphaPerTest(), p.plannedUsers());
    }
}
