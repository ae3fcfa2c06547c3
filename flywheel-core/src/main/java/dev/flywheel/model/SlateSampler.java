package dev.flywheel.model;

import dev.flywheel.loop.Slate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Exploration over a ranked list: fills a slate slot by slot, drawing each slot from a distribution
 * over the candidates not yet placed, and logs the probability of the drawn item under that very
 * distribution. Logged propensities are therefore exact, which off-policy evaluation relies on.
 */
public sealed interface SlateSampler permits SlateSampler.EpsilonGreedy, SlateSampler.PlackettLuce {

    /** The probability of each remaining candidate for the next slot; sums to 1. */
    double[] slotDistribution(List<Candidate> remaining);

    /** A slate of min(k, candidates) slots; {@code rng} is the only source of randomness. */
    default Slate sample(List<Candidate> candidates, int k, RandomGenerator rng) {
        if (candidates == null || candidates.isEmpty()) throw new IllegalArgumentException("candidates must not be empty");
        if (k < 1) throw new IllegalArgumentException("k must be at least 1");
        if (new HashSet<>(candidates.stream().map(Candidate::item).toList()).size() != candidates.size()) {
            throw new IllegalArgumentException("candidates must not repeat an item");
        }
        List<Candidate> remaining = new ArrayList<>(candidates);
        List<Slate.Slot> slots = new ArrayList<>(k);
        while (slots.size() < k && !remaining.isEmpty()) {
            double[] p = slotDistribution(remaining);
            int i = draw(p, rng.nextDouble());
            Candidate c = remaining.remove(i);
            slots.add(new Slate.Slot(c.item(), c.score(), p[i], c.features(), c.reasons()));
        }
        return new Slate(slots);
    }

    /** Inverse CDF; never returns an index of probability 0, even when rounding leaves u ≥ Σp. */
    private static int draw(double[] p, double u) {
        double cum = 0;
        int lastPositive = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] <= 0) continue;
            lastPositive = i;
            cum += p[i];
            if (u < cum) return i;
        }
        return lastPositive;
    }

    /**
     * With probability ε a uniform pick among the remaining candidates, otherwise the best remaining
     * (highest score, the earlier candidate on ties): P(i) = ε/|R| + (1−ε)·[i is best].
     */
    record EpsilonGreedy(double epsilon) implements SlateSampler {
        public EpsilonGreedy {
            if (!(epsilon >= 0 && epsilon <= 1)) throw new IllegalArgumentException("epsilon must be in [0, 1]");
        }

        @Override
        public double[] slotDistribution(List<Candidate> remaining) {
            double[] p = new double[remaining.size()];
            int best = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] = epsilon / p.length;
                if (remaining.get(i).score() > remaining.get(best).score()) best = i;
            }
            p[best] += 1 - epsilon;
            return p;
        }
    }

    /** Plackett–Luce: P(i) = exp(sᵢ/τ) / Σ_remaining exp(sⱼ/τ); a lower temperature exploits more. */
    record PlackettLuce(double temperature) implements SlateSampler {
        public PlackettLuce {
            if (!(temperature > 0 && Double.isFinite(temperature))) {
                throw new IllegalArgumentException("temperature must be positive");
            }
        }

        @Override
        public double[] slotDistribution(List<Candidate> remaining) {
            double max = Double.NEGATIVE_INFINITY;
            for (Candidate c : remaining) max = Math.max(max, c.score());
            double[] p = new double[remaining.size()];
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                // shifting by the max keeps exp() finite; the ratio is unchanged
                p[i] = Math.exp((remaining.get(i).score() - max) / temperature);
                sum += p[i];
            }
            for (int i = 0; i < p.length; i++) p[i] /= sum;
            return p;
        }
    }
}
