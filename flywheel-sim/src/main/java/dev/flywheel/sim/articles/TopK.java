package dev.flywheel.sim.articles;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the k best candidates by score. Selection in O(n·k) instead of a full sort: k is 5 and
 * ranking runs for every slate of a run. Ties go to the earlier candidate, so callers that want
 * random tie-breaking add their own jitter to the scores.
 */
final class TopK {
    private TopK() { }

    static List<String> select(List<String> candidates, double[] scores, int k) {
        if (scores.length != candidates.size()) throw new IllegalArgumentException("one score per candidate");
        int n = Math.min(k, candidates.size());
        boolean[] taken = new boolean[scores.length];
        List<String> out = new ArrayList<>(n);
        for (int pick = 0; pick < n; pick++) {
            int best = -1;
            for (int i = 0; i < scores.length; i++) {
                if (!taken[i] && (best < 0 || scores[i] > scores[best])) best = i;
            }
            taken[best] = true;
            out.add(candidates.get(best));
        }
        return out;
    }
}
