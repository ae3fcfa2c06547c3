package dev.flywheel.feature;

import java.util.Map;

/**
 * What every candidate of one decision shares: the user's profile and the global counts as of
 * one time, and the user's own feedback state, looked up once per decision instead of once per
 * candidate.
 */
record ProfileSnapshot(TermWeights terms, double norm, FeedbackCounts global, double topicScale,
               SeenItems seen, Map<String, ItemFeedback> topics, Map<String, ItemFeedback> items) {

    /**
     * How much the user likes the item's topics ({@code topic:} terms of the catalog), relative to
     * the user's strongest topic: in [-1, 1]. Topics are few and telling, while the words of a
     * text are many and noisy, so the overall cosine hides them.
     */
    double topicAffinity(ItemVectors.Shape item) {
        if (topicScale == 0 || item.topics().length == 0) return 0;
        double sum = 0;
        for (int id : item.topicIds()) sum += terms.get(id);
        return sum / item.topics().length / topicScale;
    }

    double cosine(ItemVectors.Shape item) {
        if (norm == 0 || item.terms().length == 0) return 0;
        double dot = 0;
        double itemNorm = 0;
        for (int i = 0; i < item.ids().length; i++) {
            double w = item.weights()[i];
            dot += terms.get(item.ids()[i]) * w;
            itemNorm += w * w;
        }
        return itemNorm == 0 ? 0 : dot / (norm * Math.sqrt(itemNorm));
    }
}
