package dev.flywheel.sim.articles;

import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopPolicy;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ranks items by the smoothed rate of one event type per impression, learned only from its own feedback.
 * Unseen items score the global rate, so items that disappoint sink below them and the catalogue
 * gets explored. A tiny seeded jitter breaks ties without favouring the candidates' order.
 */
abstract class SmoothedRatePolicy implements LoopPolicy, FeedbackObserver {
    private final ItemCounts counts;
    private final String hitType;
    private final SplittableRandom jitter;

    SmoothedRatePolicy(double priorStrength, String hitType, long seed) {
        this.counts = new ItemCounts(priorStrength);
        this.hitType = hitType;
        this.jitter = new SplittableRandom(seed);
    }

    /** The name in reports and as the decision's model. */
    abstract String name();

    @Override
    public Choice decide(DecideRequest request, java.time.Instant now) {
        List<String> candidates = request.candidates();
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = counts.smoothedRate(candidates.get(i)) + 1e-9 * jitter.nextDouble();
        }
        return Choices.deterministic(name(), TopK.select(candidates, scores, request.k()), candidates);
    }

    @Override
    public void observe(Feedback feedback) {
        List<String> slate = feedback.slate();
        for (int i = 0; i < slate.size(); i++) counts.add(slate.get(i), feedback.has(i + 1, hitType));
    }
}
