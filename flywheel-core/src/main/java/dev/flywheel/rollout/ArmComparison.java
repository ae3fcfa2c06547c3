package dev.flywheel.rollout;

import dev.flywheel.rollout.RolloutData.UserTotals;
import dev.flywheel.stats.ConfidenceSequence;
import dev.flywheel.stats.DeltaMethod;
import dev.flywheel.stats.MeanDifference;
import dev.flywheel.stats.MeanEstimate;
import dev.flywheel.stats.WelchTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two arms compared on a metric per decision: users are the units (assignment is per user), so each
 * arm's mean is a ratio (metric total / decisions over its users) with a delta-method standard
 * error, and the difference gets both the fixed-horizon Welch interval (for the ledger, read once)
 * and always-valid bounds (for the rules, which look after every batch). Each rule asks one side
 * (promotion: is the canary above the threshold? a guardrail: is it below?), so each side of
 * {@code sequential} is a one-sided bound at the test's alpha.
 *
 * @param treatmentUsers users of the treatment arm (the exposures a rule waits for)
 * @param treatmentDecisions decisions of the treatment arm
 */
public record ArmComparison(String metric, MeanDifference fixed, ConfidenceSequence sequential, long treatmentUsers,
                            long controlUsers, long treatmentDecisions, long controlDecisions) {

    /** Null when either arm has fewer than two users with decisions. */
    public static ArmComparison of(List<UserTotals> users, String treatment, String control, String metric,
                                   double alpha, double plannedUsers) {
        Arm t = Arm.of(users, treatment);
        Arm c = Arm.of(users, control);
        if (t.n() < 2 || c.n() < 2) return null;
        MeanEstimate mt = DeltaMethod.ratio(t.values, t.decisions);
        MeanEstimate mc = DeltaMethod.ratio(c.values, c.decisions);
        MeanDifference d = WelchTest.compare(mt, mc, 0.95);
        ConfidenceSequence cs = ConfidenceSequence.boundsForDifference(d, alpha, Math.max(2, plannedUsers));
        return new ArmComparison(metric, d, cs, t.n(), c.n(), t.total(), c.total());
    }

    /** The numbers an audit record keeps for a decision made on this comparison. */
    public Map<String, Double> numbers(String prefix, double threshold) {
        Map<String, Double> m = new TreeMap<>();
        m.put(prefix + ".estimate", fixed.diff());
        m.put(prefix + ".cs_low", sequential.interval().low());
        m.put(prefix + ".cs_high", sequential.interval().high());
        m.put(prefix + ".threshold", threshold);
        m.put(prefix + ".treatment_mean", fixed.treatment().mean());
        m.put(prefix + ".control_mean", fixed.control().mean());
        m.put(prefix + ".treatment_users", (double) treatmentUsers);
        m.put(prefix + ".control_users", (double) controlUsers);
        m.put(prefix + ".treatment_decisions", (double) treatmentDecisions);
        m.put(prefix + ".control_decisions", (double) controlDecisions);
        return m;
    }

    /** One arm's per-user totals as arrays. */
    private record Arm(double[] values, double[] decisions) {
        static Arm of(List<UserTotals> users, String arm) {
            List<UserTotals> in = new ArrayList<>();
            for (UserTotals u : users) if (u.arm().equals(arm) && u.decisions() > 0) in.add(u);
            double[] v = new double[in.size()];
            double[] d = new double[in.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.get(i).value();
                d[i] = in.get(i).decisions();
            }
            return new Arm(v, d);
        }

        long n() {
            return values.length;
        }

        long total() {
            long s = 0;
            for (double x : decisions) s += (long) x;
            return s;
        }
    }
}
