package dev.flywheel.model;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.feature.FeedbackFeatures;
import dev.flywheel.model.internal.RankingFeatures;
import java.time.Instant;
import java.util.List;

/**
 * The inputs of the ranker's logistic models for many items of one user at one time: the loop's
 * feedback features read in one consistent pass, the user's collaborative scores, the item's
 * publication time, and the position it is (or was) shown at. Serving and training compute their
 * rows here, so both see the same inputs.
 */
final class RankingInputs {
    /** Receives one item's row; the array is reused for the next item: copy what is kept. */
    @FunctionalInterface
    interface Rows {
        void accept(int index, String item, double[] row);
    }

    private final FeedbackFeatures features;
    private final Catalog catalog;
    private final CollaborativeSource collaborative;

    /** @param collaborative the collaborative models the ranker reads, or null when it has none */
    RankingInputs(FeedbackFeatures features, Catalog catalog, CollaborativeSource collaborative) {
        this.features = features;
        this.catalog = catalog;
        this.collaborative = collaborative;
    }

    /**
     * Rows of {@code items} for {@code user} at {@code at}; {@code positions[i]} is item i's slot, null
     * for slot 1.
     */
    void rows(String user, List<String> items, Instant at, int[] positions, Rows sink) {
        rows(user, items, at, positions, signals(user, at), sink);
    }

    /** As above, with the user's collaborative signals already taken (by a caller that also explains). */
    void rows(String user, List<String> items, Instant at, int[] positions, UserSignals signals, Rows sink) {
        double[] row = new double[RankingFeatures.SIZE];
        features.read(user, at, items, (i, item, values) -> {
            Catalog.Entry entry = catalog.get(item).orElse(null);
            Instant published = entry == null ? null : entry.item().published();
            int known = signals.known() ? collaborative.item(item) : -1;
            RankingFeatures.fill(row, values, signals.itemToItem(known), signals.factorisation(known), published, at,
                    positions == null ? 1 : positions[i]);
            sink.accept(i, item, row);
        });
    }

    UserSignals signals(String user, Instant at) {
        return collaborative == null ? UserSignals.NONE : collaborative.signals(user, at);
    }

    /** "liked X" for the user's items that most made {@code item} similar to their taste. */
    List<String> reasons(UserSignals signals, String item, int n) {
        if (!signals.known()) return List.of();
        List<String> out = new java.util.ArrayList<>();
        for (int other : signals.because(collaborative.item(item), n)) {
            String id = collaborative.itemName(other);
            String title = catalog.get(id).map(e -> e.item().title()).orElse(null);
            out.add("liked " + (title == null || title.isBlank() ? id : title + " (" + id + ")"));
        }
        return out;
    }
}
