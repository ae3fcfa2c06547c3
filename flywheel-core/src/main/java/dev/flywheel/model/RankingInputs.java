package dev.flywheel.model;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.feature.FeedbackFeatures;
import dev.flywheel.model.internal.RankingFeatures;
import java.time.Instant;
import java.util.List;

/**
 * The inputs of the ranker's logistic models for many items of one user at one time: the loop's
 * feedback features read in one consistent pass, the item's publication time, and the position it
 * is (or was) shown at. Serving and training compute their rows here, so both see the same inputs.
 */
final class RankingInputs {
    /** Receives one item's row; the array is reused for the next item: copy what is kept. */
    @FunctionalInterface
    interface Rows {
        void accept(int index, String item, double[] row);
    }

    private final FeedbackFeatures features;
    private final Catalog catalog;

    RankingInputs(FeedbackFeatures features, Catalog catalog) {
        this.features = features;
        this.catalog = catalog;
    }

    /** Rows of {@code items} for {@code user} at {@code at}; {@code positions[i]} is item i's slot, null for slot 1. */
    void rows(String user, List<String> items, Instant at, int[] positions, Rows sink) {
        double[] row = new double[RankingFeatures.SIZE];
        features.read(user, at, items, (i, item, values) -> {
            Catalog.Entry entry = catalog.get(item).orElse(null);
            Instant published = entry == null ? null : entry.item().published();
            RankingFeatures.fill(row, values, published, at, positions == null ? 1 : positions[i]);
            sink.accept(i, item, row);
        });
    }
}
