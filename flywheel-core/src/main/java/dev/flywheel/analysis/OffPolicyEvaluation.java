package dev.flywheel.analysis;

import dev.flywheel.stats.LoggedDecision;
import dev.flywheel.stats.OffPolicyDiagnostics;
import dev.flywheel.stats.OffPolicyEstimate;
import dev.flywheel.stats.OffPolicyEstimators;
import dev.flywheel.stats.RewardModel;
import dev.flywheel.stats.SmoothedRewardModel;
import dev.flywheel.stats.ActionDistribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Off-policy evaluation report: every estimator on one log, the weight diagnostics, and (when the
 * target policy was itself logged) its on-policy rate, with a note for each estimator whose interval
 * misses that rate saying by how much and why it may.
 */
public record OffPolicyEvaluation(Map<String, OffPolicyEstimate> estimators, OffPolicyDiagnostics diagnostics,
                                  OnPolicyValue onPolicy, List<String> notes) {
    public OffPolicyEvaluation {
        estimators = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(estimators));
        notes = List.copyOf(notes);
    }

    /** Runs IPS, SNIPS, clipped IPS, DM, DR and switch-DR; {@code onPolicy} may be null. */
    public static OffPolicyEvaluation evaluate(List<LoggedDecision> log, ActionDistribution target, int actions,
                                               OpeOptions options, OnPolicyValue onPolicy) {
        double c = options.confidence();
        SmoothedRewardModel fitter = new SmoothedRewardModel(options.priorStrength());
        RewardModel model = fitter.fit(log);
        Map<String, OffPolicyEstimate> out = new LinkedHashMap<>();
        put(out, OffPolicyEstimators.ips(log, c));
        put(out, OffPolicyEstimators.snips(log, c));
        put(out, OffPolicyEstimators.clippedIps(log, options.clip(), c));
        put(out, OffPolicyEstimators.directMethod(log, target, fitter, actions, c, options.bootstrap(), options.seed()));
        put(out, OffPolicyEstimators.doublyRobust(log, target, model, actions, c));
        put(out, OffPolicyEstimators.switchDr(log, target, model, actions, options.switchTau(), c));
        return new OffPolicyEvaluation(out, OffPolicyDiagnostics.of(log, options.clip()), onPolicy,
                notes(out, onPolicy));
    }

    /** Whether the estimator's interval contains the on-policy rate (false when there is none). */
    public boolean covers(String estimator) {
        return onPolicy != null && estimators.get(estimator).ci().contains(onPolicy.rate());
    }

    private static void put(Map<String, OffPolicyEstimate> out, OffPolicyEstimate e) {
        out.put(e.estimator(), e);
    }

    private static List<String> notes(Map<String, OffPolicyEstimate> estimates, OnPolicyValue onPolicy) {
        List<String> notes = new ArrayList<>();
        if (onPolicy == null) {
            return notes;
        }
        for (OffPolicyEstimate e : estimates.values()) {
            if (e.ci().contains(onPolicy.rate())) {
                continue;
            }
            boolean overlap = e.ci().high() >= onPolicy.interval().low() && e.ci().low() <= onPolicy.interval().high();
            notes.add(String.format("%s interval [%.5f, %.5f] misses the on-policy rate %.5f; %s", e.estimator(),
                    e.ci().low(), e.ci().high(), onPolicy.rate(), overlap
                            ? "the on-policy rate is itself uncertain and its interval overlaps this one"
                            : "the intervals do not overlap: bias (reward-model shrinkage or weight clipping)"
                            + " or a target policy that changed over the logging period"));
        }
        return notes;
    }
}
