package dev.flywheel.model;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.outcome.Outcome;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The runtime parts of one loop's model: the version it serves (none when the product decides), the
 * learners that read each log entry before the loop's features absorb it (they record the features a
 * decision was made with), and the listeners of the loop's closed outcomes.
 *
 * @param learners         stream operators run before the loop's features on each entry
 * @param outcomeListeners called with every closed outcome (of every loop: filter by loop)
 * @param ranker           the learned ranker, or null for a family without one
 * @param collaborative    the collaborative models, or null when the loop has none
 * @param state            the live learner's state as bytes (what a frozen version keeps)
 * @param restore          a scorer over the loop's live inputs with a state that {@code state} gave
 */
public record LoopModel(ModelVersion champion, List<LogConsumer> learners, List<Consumer<Outcome>> outcomeListeners,
                        RankerLearner ranker, CollaborativeLearner collaborative, Supplier<byte[]> state,
                        Function<byte[], Scorer> restore) {
    private static final byte[] NO_STATE = new byte[0];

    public LoopModel {
        learners = List.copyOf(learners);
        outcomeListeners = List.copyOf(outcomeListeners);
    }

    /** A model that serves {@code version} and learns nothing: its state is empty and restores to itself. */
    public static LoopModel serving(ModelVersion version) {
        return new LoopModel(version, List.of(), List.of(), null, null, () -> NO_STATE, s -> version.scorer());
    }

    /** The product decides: nothing to serve, nothing to learn. */
    public static LoopModel external() {
        return new LoopModel(null, List.of(), List.of(), null, null, () -> NO_STATE, s -> {
            throw new UnsupportedOperationException("the product decides: there is no model to restore");
        });
    }

    /** The version {@code name} with the state {@code bytes}, frozen: it scores as the live model did then. */
    public ModelVersion frozen(String name, byte[] bytes) {
        return new ModelVersion(name, restore.apply(bytes), champion.sampler(), champion.seed());
    }

    /** The live model under the name {@code name}: it keeps learning. */
    public ModelVersion online(String name) {
        return new ModelVersion(name, champion.scorer(), champion.sampler(), champion.seed());
    }

    /**
     * The online retrained version {@code name}: it starts from the fit its snapshot's rows train and
     * learns from the loop's outcomes once {@link OnlineVersion#learnAfter} sets its position. Only a
     * family with a learned ranker has one.
     */
    public OnlineVersion retrained(String name, List<TrainingRow> snapshot) {
        if (ranker == null) throw new UnsupportedOperationException("only a learned ranker's versions keep learning online");
        return ranker.follow(name, snapshot, champion.sampler(), champion.seed());
    }

    public boolean serves() {
        return champion != null;
    }
}
