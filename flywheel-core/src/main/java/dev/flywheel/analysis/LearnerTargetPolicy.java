package dev.flywheel.analysis;

import dev.flywheel.model.Candidate;
import dev.flywheel.model.Scorer;
import dev.flywheel.model.SlateSampler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A learner as the target: it scores the decision's logged candidates (for the decision's user, at
 * the decision's time) and fills the slate with its slate sampler. Its probability of a logged row is
 * the sampler's exact probability of that item in that slot given the items the log placed in the
 * slots before it, which is the conditional probability the logging policy's propensity is too
 * ({@link dev.flywheel.loop.Slate}): weights compare like with like, slot by slot.
 *
 * <p>What is estimated is therefore the per-slot value of the learner's choice after the logged
 * prefix, not the value of whole slates the learner would have built (that would need the
 * probabilities of every prefix). The learner must not learn while it is asked: a frozen copy.
 */
public final class LearnerTargetPolicy implements TargetPolicy {
    private final Scorer scorer;
    private final SlateSampler sampler;

    public LearnerTargetPolicy(Scorer scorer, SlateSampler sampler) {
        if (scorer == null || sampler == null) {
            throw new IllegalArgumentException("a learner target needs the learner and its slate sampler");
        }
        this.scorer = scorer;
        this.sampler = sampler;
    }

    /** {@code p[i][j]}: the sampler's probability of row i's item in row j's slot after the logged prefix. */
    @Override
    public double[][] placement(LoggedSlate slate) {
        LoggedSlate.Origin origin = slate.origin();
        if (origin == null || origin.candidates().isEmpty()) {
            throw new IllegalArgumentException("--target learner needs each decision's user, time and candidates; "
                    + "a decision of items " + slate.items() + " logged no candidates");
        }
        List<Candidate> remaining = new ArrayList<>(scorer.score(origin.user(), origin.candidates(), origin.at(), false));
        int k = slate.size();
        double[][] m = new double[k][k];
        for (int j : byPosition(slate)) {
            if (remaining.isEmpty()) {
                break;
            }
            double[] p = sampler.slotDistribution(remaining);
            for (int i = 0; i < k; i++) {
                int at = indexOf(remaining, slate.items().get(i));
                m[i][j] = at < 0 ? 0 : p[at];
            }
            int logged = indexOf(remaining, slate.items().get(j));
            if (logged >= 0) {
                remaining.remove(logged);
            }
        }
        return m;
    }

    private static int[] byPosition(LoggedSlate slate) {
        int k = slate.size();
        Integer[] rows = new Integer[k];
        for (int i = 0; i < k; i++) {
            rows[i] = i;
        }
        java.util.Arrays.sort(rows, (a, b) -> Integer.compare(slate.positions()[a], slate.positions()[b]));
        return java.util.Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
    }

    private static int indexOf(List<Candidate> candidates, String item) {
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).item().equals(item)) {
                return i;
            }
        }
        return -1;
    }
}
