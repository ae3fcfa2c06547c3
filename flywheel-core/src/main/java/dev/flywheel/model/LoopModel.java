package dev.flywheel.model;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.outcome.Outcome;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runtime parts of one loop's model: the version it serves (none when the product decides), the
 * learners that read each log entry before the loop's features absorb it (they record the features a
 * decision was made with), and the listeners of the loop's closed outcomes.
 *
 * @param learners         stream operators run before the loop's features on each entry
 * @param outcomeListeners called with every closed outcome (of every loop: filter by loop)
 * @param ranker           the learned ranker, or null for a family without one
 * @param collaborative    the collaborative models, or null when the loop has none
 */
public record LoopModel(ModelVersion champion, List<LogConsumer> learners, List<Consumer<Outcome>> outcomeListeners,
                        RankerLearner ranker, CollaborativeLearner collaborative) {
    public LoopModel {
        learners = List.copyOf(learners);
        outcomeListeners = List.copyOf(outcomeListeners);
    }

    /** A model that serves {@code version} and learns nothing. */
    public static LoopModel serving(ModelVersion version) {
        return new LoopModel(version, List.of(), List.of(), null, null);
    }

    /** The product decides: nothing to serve, nothing to learn. */
    public static LoopModel external() {
        return new LoopModel(null, List.of(), List.of(), null, null);
    }

    public boolean serves() {
        return champion != null;
    }
}
