package dev.flywheel.model;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.feature.FeedbackFeatures;
import dev.flywheel.loop.LoopSpec;

/** What a model family builds a loop's model from: the loop, the catalog and the loop's feedback features. */
public record ModelContext(LoopSpec loop, Catalog catalog, FeedbackFeatures features) {
    public ModelContext {
        if (loop == null || catalog == null || features == null) {
            throw new IllegalArgumentException("loop, catalog and features are required");
        }
    }
}
