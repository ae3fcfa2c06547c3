package dev.flywheel.loop;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ShadowRanking;
import java.time.Instant;
import java.util.List;

/**
 * A loop's answer to a decide request, before it is logged as a {@link dev.flywheel.decision.Decision}:
 * the slate, the model version and rollout arm that produced it with the probability of that arm for
 * this user, and what the policy chose from.
 *
 * @param armProbability    the probability that the rollout assigns this user to {@code arm}
 * @param period            the rollout's allocation period (0 for a policy without one)
 * @param shadows           what challengers in shadow would have shown
 * @param candidates        everything the policy could have shown, for off-policy evaluation
 * @param unknownCandidates requested candidates the loop knows nothing about (neither posted to the
 *                          catalog nor seen in any event), in request order; empty for loops with
 *                          free candidates
 */
public record Choice(String model, String arm, double armProbability, int period, Slate slate, List<String> candidates,
                     List<String> unknownCandidates, List<ShadowRanking> shadows) {
    public Choice {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("model is required");
        if (arm == null || arm.isBlank()) throw new IllegalArgumentException("arm is required");
        if (!(armProbability > 0 && armProbability <= 1)) throw new IllegalArgumentException("armProbability must be in (0, 1]");
        if (slate == null) throw new IllegalArgumentException("slate is required");
        candidates = List.copyOf(candidates);
        unknownCandidates = List.copyOf(unknownCandidates);
        shadows = List.copyOf(shadows);
    }

    /** The decision that logs this choice for {@code request} at {@code now}. */
    public Decision decision(String id, DecideRequest request, Instant now) {
        return new Decision(id, request.loop(), request.user(), now, model, arm, armProbability, period,
                slate.servedItems(), candidates, request.contextJson(), shadows);
    }
}
