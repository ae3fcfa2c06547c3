package dev.flywheel.model;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.feature.FeedbackFeatures;
import dev.flywheel.loop.LoopSpec;

/**
 * What a model family builds a loop's model from: the loop, the catalog and the loop's feedback
 * features.
 *
 * @param replay the log is being replayed to compute something (an evaluation, a frozen learner):
 *               batch training runs in line with the entries, so the result is the same every time
 */
public record ModelContext(LoopSpec loop, Catalog catalog, FeedbackFeatures features, boolean replay) {
    public ModelContext {
        if (loop == null || catalog == null || features == null) {
            throw new IllegalArgumentException("loop, catalog and features are required");
        }
    }
}
