package dev.flywheel.sim.articles;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Ranks items by the smoothed rate of one event type per impression, learned only from its own feedback.
 * Unseen items score the global rate, so items that disappoint sink below them and the catalogue
 * gets explored. A tiny seeded jitter breaks ties without favouring the candidates' order.
 */
abstract class SmoothedRatePolicy implements SlatePolicy {
    private final ItemCounts counts;
    private final String hitType;
    private final SplittableRandom jitter;

    SmoothedRatePolicy(double priorStrength, String hitType, long seed) {
        this.counts = new ItemCounts(priorStrength);
        this.hitType = hitType;
        this.jitter = new SplittableRandom(seed);
    }

    @Override
    public List<String> rank(String user, List<String> candidates, int k, java.time.Instant now) {
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = counts.smoothedRate(candidates.get(i)) + 1e-9 * jitter.nextDouble();
        }
        return TopK.select(candidates, scores, k);
    }

    @Override
    public void observe(Feedback feedback) {
        List<String> slate = feedback.slate();
        for (int i = 0; i < slate.size(); i++) counts.add(slate.get(i), feedback.has(i + 1, hitType));
    }
}
