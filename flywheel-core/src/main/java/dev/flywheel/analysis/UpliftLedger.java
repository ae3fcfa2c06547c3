package dev.flywheel.analysis;

import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.ArmComparison;
import dev.flywheel.rollout.LoopLifecycle;
import dev.flywheel.rollout.RolloutData;
import dev.flywheel.rollout.RolloutData.UserTotals;
import dev.flywheel.rollout.RolloutState;
import dev.flywheel.rollout.ServingPlan;
import dev.flywheel.stats.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The uplift ledger of a loop: for every model version, its exposures and time as champion, its
 * uplift against the version it replaced (from its canary: canary arm against champion arm, in the
 * canary's periods) and against the holdout (champion arm against holdout arm, in the periods it was
 * champion), each with a fixed-horizon 95 % Welch interval on the reward per decision, users as
 * units; and the value attributed to it: its uplift per decision times the decisions it served as
 * champion. Against the holdout when there is one (measured while it served), else against its
 * parent (measured in its canary).
 */
public final class UpliftLedger {
    private UpliftLedger() { }

    /** What the ledger reads of the registry, copied under its lock. */
    public record Registry(String loop, List<VersionRecord> versions, Map<String, String> status, List<RolloutState> periods) {
        public static Registry of(LoopLifecycle l) {
            Map<String, String> status = new java.util.LinkedHashMap<>();
            l.versions().keySet().forEach(v -> status.put(v, l.status(v).label()));
            return new Registry(l.loop(), List.copyOf(l.versions().values()), status, List.copyOf(l.periods()));
        }
    }

    /** An estimate with its 95 % interval. */
    public record Estimate(double estimate, double low, double high, long treatmentUsers, long controlUsers) {
        static Estimate of(ArmComparison c) {
            if (c == null) return null;
            Interval ci = c.fixed().ci();
            return new Estimate(c.fixed().diff(), ci.low(), ci.high(), c.treatmentUsers(), c.controlUsers());
        }

        Estimate times(double k) {
            return new Estimate(estimate * k, Math.min(low * k, high * k), Math.max(low * k, high * k), treatmentUsers, controlUsers);
        }
    }

    /** One version's line. */
    public record Line(String version, String parent, String trigger, String dataset, String status, long exposures,
                       long championDecisions, Duration timeAsChampion, Estimate upliftVsParent, Estimate upliftVsHoldout,
                       Estimate attributedValue, String attributedAgainst) { }

    public record Ledger(String loop, String metric, List<Line> versions) { }

    public static Ledger compute(Registry reg, RolloutData data, Instant now) {
        List<Line> lines = new ArrayList<>();
        for (VersionRecord v : reg.versions()) lines.add(line(reg, v, data, now));
        return new Ledger(reg.loop(), RolloutData.REWARD, lines);
    }

    private static Line line(Registry reg, VersionRecord v, RolloutData data, Instant now) {
        String name = v.version();
        Set<Integer> asCanary = periods(reg, s -> name.equals(s.canary()));
        Set<Integer> asChampion = periods(reg, s -> name.equals(s.champion()));
        Set<Integer> withHoldout = periods(reg, s -> name.equals(s.champion()) && s.holdoutShare() > 0 && !name.equals(s.baseline()));
        List<UserTotals> canary = users(reg.loop(), data, asCanary);
        Estimate parent = Estimate.of(compare(canary, ServingPlan.CANARY, ServingPlan.CHAMPION));
        Estimate holdout = Estimate.of(compare(users(reg.loop(), data, withHoldout), ServingPlan.CHAMPION, ServingPlan.HOLDOUT));
        long championDecisions = decisions(users(reg.loop(), data, asChampion), ServingPlan.CHAMPION);
        long exposures = championDecisions + decisions(canary, ServingPlan.CANARY) + decisions(users(reg.loop(), data,
                periods(reg, s -> name.equals(s.baseline()) && s.holdoutShare() > 0)), ServingPlan.HOLDOUT);
        Estimate basis = holdout != null ? holdout : parent;
        return new Line(name, v.parent(), v.trigger(), v.dataset(), reg.status().get(name), exposures, championDecisions,
                timeAsChampion(reg, name, now), parent, holdout, basis == null ? null : basis.times(championDecisions),
                holdout != null ? "holdout" : parent != null ? "parent" : null);
    }

    /** Per-user reward totals over {@code periods}; none for no period (the store is not asked). */
    private static List<UserTotals> users(String loop, RolloutData data, Set<Integer> periods) {
        return periods.isEmpty() ? List.of() : data.users(loop, periods, RolloutData.REWARD);
    }

    private static ArmComparison compare(List<UserTotals> users, String treatment, String control) {
        return ArmComparison.of(users, treatment, control, RolloutData.REWARD, 0.05, 1000);
    }

    private static Set<Integer> periods(Registry reg, java.util.function.Predicate<RolloutState> p) {
        Set<Integer> out = new HashSet<>();
        for (RolloutState s : reg.periods()) if (p.test(s)) out.add(s.period());
        return out;
    }

    private static long decisions(List<UserTotals> users, String arm) {
        long n = 0;
        for (UserTotals u : users) if (u.arm().equals(arm)) n += u.decisions();
        return n;
    }

    private static Duration timeAsChampion(Registry reg, String version, Instant now) {
        Duration total = Duration.ZERO;
        List<RolloutState> p = reg.periods();
        for (int i = 0; i < p.size(); i++) {
            if (!version.equals(p.get(i).champion())) continue;
            Instant end = i + 1 < p.size() ? p.get(i + 1).since() : now;
            total = total.plus(Duration.between(p.get(i).since(), end.isBefore(p.get(i).since()) ? p.get(i).since() : end));
        }
        return total;
    }
}
