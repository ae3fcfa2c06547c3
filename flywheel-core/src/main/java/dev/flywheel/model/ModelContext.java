package dev.flywheel.model;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.feature.FeedbackFeatures;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.quality.Exclusions;
import java.util.function.Consumer;

/**
 * What a model family builds a loop's model from: the loop, the catalog and the loop's feedback
 * features.
 *
 * @param replay the log is being replayed to compute something (an evaluation, a frozen learner):
 *               batch training runs in line with the entries, so the result is the same every time
 * @param served receives the ranking inputs of each served item when its decision arrives (kept for
 *               training snapshots and time travel)
 * @param excluded the users whose feedback the learners leave out (flagged bots)
 * @param published where the collaborative inputs are read when the learners run elsewhere (a server
 *                  of the distributed shape); null when this process runs them
 */
public record ModelContext(LoopSpec loop, Catalog catalog, FeedbackFeatures features, boolean replay,
                           Consumer<ServedFeatures> served, Exclusions excluded, CollaborativeReads published) {
    public ModelContext {
        if (loop == null || catalog == null || features == null) {
            throw new IllegalArgumentException("loop, catalog and features are required");
        }
        served = served == null ? f -> { } : served;
        excluded = excluded == null ? Exclusions.NONE : excluded;
    }

    public ModelContext(LoopSpec loop, Catalog catalog, FeedbackFeatures features, boolean replay) {
        this(loop, catalog, features, replay, null, null, null);
    }

    public ModelContext(LoopSpec loop, Catalog catalog, FeedbackFeatures features, boolean replay,
                        Consumer<ServedFeatures> served, Exclusions excluded) {
        this(loop, catalog, features, replay, served, excluded, null);
    }

    /** This context on a server: the collaborative inputs are read from {@code reads}. */
    public ModelContext withPublished(CollaborativeReads reads) {
        return new ModelContext(loop, catalog, features, replay, served, excluded, reads);
    }
}
