package dev.flywheel.model;

import dev.flywheel.model.internal.ImplicitAls;
import dev.flywheel.model.internal.Interactions;
import dev.flywheel.model.internal.ItemSimilarity;
import dev.flywheel.model.internal.ModelStateCodec;
import dev.flywheel.model.internal.SparseMatrix;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * One batch training of a loop's collaborative models, immutable once published: the item-to-item
 * similarity and the factorisation, over the items numbered up to the training, with where in the
 * log and in event time the training data ended.
 *
 * @param trainedSeq   the log position of the last interaction trained on
 * @param trainedUntil the event time of the newest interaction trained on
 * @param interactions how many interactions the training read
 * @param took         how long the training took
 */
public record CollaborativeModels(ItemSimilarity similarity, ImplicitAls.Model factors, long trainedSeq,
                                  Instant trainedUntil, int interactions, Duration took) {

    /** Trains both models on rows [0, c.size()) of the interactions. */
    static CollaborativeModels train(Interactions.Columns c, CollaborativeSpec spec, long seq, Instant until) {
        long t0 = System.nanoTime();
        SparseMatrix strong = strongest(c, spec, until);
        ItemSimilarity sim = ItemSimilarity.train(strong, spec.similarity());
        ImplicitAls.Model mf = ImplicitAls.train(confidence(strong, spec), spec.factorisation());
        return new CollaborativeModels(sim, mf, seq, until, c.size(), Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Users x items, each user's summed weight of each item where it reaches the strongest reaction's
     * ({@code occurrence}), from the user's latest {@code 2 · recent} interactions, decayed to
     * {@code until}: what both models learn from. The one place this selection and weighting is made,
     * for the engine's learner, for a training from a snapshot ({@link CollaborativeInput}) and for
     * Spark's partitions of a snapshot alike. Both models learn from the strongest reactions only:
     * weaker ones (a click on every rated item) blur which items a user wants (MovieLens: −0.09 nDCG
     * ratio for the similarity).
     */
    static SparseMatrix strongest(Interactions.Columns c, CollaborativeSpec spec, Instant until) {
        return strongest(wants(c, spec, until), spec.occurrence());
    }

    /** The factorisation's confidence increments α·r_ui of the {@link #strongest} weights. */
    static SparseMatrix confidence(SparseMatrix strongest, CollaborativeSpec spec) {
        return scaled(strongest, (float) spec.alpha());
    }

    /**
     * These models in a checkpoint, but for {@link #took}: what serving reads and what the status
     * shows. The learner writes the wall time apart, last (see {@link CollaborativeState}).
     */
    void writeState(StateWriter out) {
        ModelStateCodec.writeSimilarity(similarity, out);
        ModelStateCodec.writeFactors(factors, out);
        out.putLong(trainedSeq).putInstant(trainedUntil).putInt(interactions);
    }

    /** What {@link #writeState} wrote: models that score bit for bit as those written, with {@code took} given. */
    static CollaborativeModels readState(StateReader in, Duration took) {
        ItemSimilarity similarity = ModelStateCodec.readSimilarity(in);
        ImplicitAls.Model factors = ModelStateCodec.readFactors(in);
        long seq = in.getLong();
        Instant until = in.getInstant();
        int interactions = in.count();
        if (until == null) throw new IllegalStateException("collaborative models without their training's end");
        return new CollaborativeModels(similarity, factors, seq, until, interactions, took);
    }

    /**
     * Users x items, the summed (decayed) weight of each user's interactions with each item, from each
     * user's latest {@code 2 · recent} interactions: Σ over a user's items squared is the similarity's
     * cost, so one user with a long history must not dominate it.
     */
    private static SparseMatrix wants(Interactions.Columns c, CollaborativeSpec spec, Instant until) {
        int[] taken = new int[c.users()];
        int cap = 2 * spec.recent();
        SparseMatrix.Builder b = SparseMatrix.builder(c.users(), c.items(), c.size());
        long now = until.toEpochMilli();
        double halfLife = spec.halfLife() == null ? 0 : spec.halfLife().toMillis();
        for (int r = c.size() - 1; r >= 0; r--) {
            int u = c.user()[r];
            if (taken[u]++ >= cap) continue;
            double w = c.weight()[r];
            if (halfLife > 0) w *= Math.pow(2, -Math.max(0, now - c.millis()[r]) / halfLife);
            b.add(u, c.item()[r], (float) w);
        }
        return b.build();
    }

    /** The entries of {@code wants} that reach {@code occurrence}, with their weights. */
    private static SparseMatrix strongest(SparseMatrix wants, double occurrence) {
        SparseMatrix.Builder b = SparseMatrix.builder(wants.rows(), wants.cols(), wants.nonZeros());
        for (int u = 0; u < wants.rows(); u++) {
            for (int k = wants.start(u); k < wants.end(u); k++) {
                if (wants.value(k) >= occurrence * (1 - 1e-6)) b.add(u, wants.column(k), wants.value(k));
            }
        }
        return b.build();
    }

    private static SparseMatrix scaled(SparseMatrix m, float factor) {
        SparseMatrix.Builder b = SparseMatrix.builder(m.rows(), m.cols(), m.nonZeros());
        for (int u = 0; u < m.rows(); u++) {
            for (int k = m.start(u); k < m.end(u); k++) {
                if (m.value(k) > 0) b.add(u, m.column(k), m.value(k) * factor);
            }
        }
        return b.build();
    }

    /** How many items the models know (items numbered later are new to them). */
    public int items() {
        return similarity.items();
    }
}
