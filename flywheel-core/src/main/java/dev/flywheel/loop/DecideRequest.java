package dev.flywheel.loop;

import dev.flywheel.decision.Decision;
import dev.flywheel.event.Checks;
import java.util.List;

/**
 * What a product asks a loop: rank or choose for this user now.
 *
 * @param candidates what may be shown; null means "the loop's own candidate source"
 * @param explain    whether the answer should carry the feature values used and what the scores
 *                   came from
 * @param log        whether the answer is logged as a decision (false for a ranking that is only
 *                   looked at, e.g. an evaluation or a preview: no decision, no outcomes)
 * @param version    a registered model version to preview instead of the user's arm (never logged),
 *                   or null
 */
public record DecideRequest(String loop, String user, String contextJson, List<String> candidates, int k,
                            boolean explain, boolean log, String version) {
    public static final int MAX_K = 100;

    public DecideRequest {
        candidates = candidates == null ? null : List.copyOf(candidates);
        Checks c = new Checks().key("loop", loop, true).key("user", user, true)
                .require(k >= 1 && k <= MAX_K, "k", "must be from 1 to " + MAX_K);
        if (candidates != null) {
            c.require(!candidates.isEmpty(), "candidates", "must not be empty when given");
            c.require(candidates.size() <= Decision.MAX_CANDIDATES, "candidates",
                    "must hold at most " + Decision.MAX_CANDIDATES + " items");
            for (int i = 0; i < candidates.size(); i++) c.key("candidates[" + i + "]", candidates.get(i), true);
        }
        c.key("version", version, false);
        c.require(version == null || !log, "version", "previews a version: send \"log\": false (a preview is never shown as a decision)");
        c.throwIfInvalid();
    }

    /** A logged request without explanations. */
    public DecideRequest(String loop, String user, List<String> candidates, int k) {
        this(loop, user, null, candidates, k, false, true, null);
    }

    /** A request served by its rollout arm (no version preview). */
    public DecideRequest(String loop, String user, String contextJson, List<String> candidates, int k, boolean explain,
                         boolean log) {
        this(loop, user, contextJson, candidates, k, explain, log, null);
    }
}
