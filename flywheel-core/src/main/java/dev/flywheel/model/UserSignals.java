package dev.flywheel.model;

import dev.flywheel.model.internal.ImplicitAls;
import dev.flywheel.model.internal.Interactions;
import dev.flywheel.model.internal.ItemSimilarity;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's collaborative scores for any number of items at one time, from the user's latest
 * interactions (up to that time) and the latest trained models: taken once per request, asked per
 * candidate.
 *
 * <p>Item-to-item: the weighted mean similarity of the candidate to the items the user wants (whose
 * summed weight reaches the strongest reaction's, as in training),
 * Σ wᵢ·S(i, j) / Σ wᵢ, in [0, 1] for cosine or Jaccard whatever the length of the history (a raw sum
 * grows with it, and a logistic model cannot undo that). Factorisation: the user's vector, folded in
 * from the same interactions with the item factors fixed, times the item's.
 */
final class UserSignals {
    static final UserSignals NONE = new UserSignals(null, new int[0], new double[0], 0, null);
    private final CollaborativeModels models;
    /** The user's items (numbers) and their summed weights, in an open-addressing table. */
    private final int[] keys;
    private final double[] values;
    private final double total;
    private final double[] vector;

    private UserSignals(CollaborativeModels models, int[] keys, double[] values, double total, double[] vector) {
        this.models = models;
        this.keys = keys;
        this.values = values;
        this.total = total;
        this.vector = vector;
    }

    /**
     * The user's wanted items up to {@code atMillis}, without factors yet (see {@link #withVector}).
     *
     * @param strongest the weight at which an item counts as wanted (as in training); weaker ones are left out
     */
    static UserSignals of(CollaborativeModels models, Interactions.History h, long atMillis, double strongest) {
        int n = h.size();
        if (models == null || n == 0) return NONE;
        int capacity = Integer.highestOneBit(Math.max(4, n * 2) - 1) << 1;
        int[] keys = new int[capacity];
        double[] values = new double[capacity];
        java.util.Arrays.fill(keys, -1);
        for (int k = 0; k < n; k++) {
            if (h.millis()[k] > atMillis) continue;
            int slot = slot(keys, h.item()[k]);
            keys[slot] = h.item()[k];
            values[slot] += h.weight()[k];
        }
        double total = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != -1 && values[i] < strongest * (1 - 1e-6)) values[i] = 0;
            total += values[i];
        }
        return total == 0 ? NONE : new UserSignals(models, keys, values, total, null);
    }

    /**
     * The length of a history's prefix a user's factors are folded in from: the largest fold point up
     * to {@code n}, where fold points start at 1 and each is the last plus a tenth of it (at least 1),
     * plus 1 (1, 3, 5, …, 21, 24, 27, …): a vector serves until the history grew by more than a tenth. A vector is refolded only when a history grew past the next fold point (a fold-in per
     * new interaction would cost O(n·f²) each time for a long history), and, being a function of the
     * history alone, it is the same whoever computes it and whenever: the learner, a restored learner,
     * or a server reading the published history.
     */
    static int foldPoint(int n) {
        if (n < 1) return 0;
        int point = 1;
        for (int next = 3; next <= n; next = point + Math.max(1, point / 10) + 1) point = next;
        return point;
    }

    /**
     * The factors folded in from the first {@code upTo} interactions of {@code h} (all of them, whatever
     * their time), weighted as {@link #foldIn}; null when the factorisation knows none of the wanted items.
     */
    static double[] foldedVector(CollaborativeModels models, Interactions.History h, int upTo, double strongest, double alpha) {
        Interactions.History prefix = new Interactions.History(h.item(), h.weight(), h.millis(), upTo);
        UserSignals s = of(models, prefix, Long.MAX_VALUE, strongest);
        return s.known() ? s.foldIn(alpha) : null;
    }

    /** These signals with the user's folded-in factors, null when none of their items is in the factorisation. */
    UserSignals withVector(double[] userVector) {
        return new UserSignals(models, keys, values, total, userVector);
    }

    /**
     * The user's factors folded in from the wanted items the factorisation knows, each with confidence
     * weight·{@code alpha} (as in training); null when it knows none of them.
     */
    double[] foldIn(double alpha) {
        ImplicitAls.Model factors = models.factors();
        int n = 0;
        for (int i = 0; i < keys.length; i++) if (values[i] > 0 && keys[i] < factors.items()) n++;
        if (n == 0) return null;
        int[] items = new int[n];
        float[] confidence = new float[n];
        for (int i = 0, j = 0; i < keys.length; i++) {
            if (values[i] > 0 && keys[i] < factors.items()) {
                items[j] = keys[i];
                confidence[j++] = (float) (values[i] * alpha);
            }
        }
        return factors.foldIn(items, confidence);
    }

    private static int slot(int[] keys, int item) {
        int mask = keys.length - 1;
        int i = (item * 0x9E3779B9) >>> 1 & mask;
        while (keys[i] != -1 && keys[i] != item) i = (i + 1) & mask;
        return i;
    }

    private double weightOf(int item) {
        int i = slot(keys, item);
        return keys[i] == item ? values[i] : 0;
    }

    boolean known() {
        return models != null;
    }

    /** Σ wᵢ·S(i, item) / Σ wᵢ over the user's items, through the item's kept neighbours; 0 for items new to the models. */
    double itemToItem(int item) {
        if (models == null || item < 0 || item >= models.items()) return 0;
        ItemSimilarity s = models.similarity();
        double sum = 0;
        for (int k = 0, n = s.neighbourCount(item); k < n; k++) sum += weightOf(s.neighbour(item, k)) * s.similarityAt(item, k);
        return sum / total;
    }

    /** The user's folded-in vector times the item's factors; 0 for items new to the models. */
    double factorisation(int item) {
        if (vector == null || item < 0 || item >= models.factors().items()) return 0;
        return models.factors().score(vector, item);
    }

    /** The user's items that most raised {@link #itemToItem}, strongest first, as item numbers. */
    List<Integer> because(int item, int n) {
        List<Integer> out = new ArrayList<>();
        if (models == null || item < 0 || item >= models.items()) return out;
        ItemSimilarity s = models.similarity();
        // neighbours are best first, so the first ones the user has are the strongest (up to weight)
        for (int k = 0, m = s.neighbourCount(item); k < m && out.size() < n; k++) {
            if (weightOf(s.neighbour(item, k)) > 0) out.add(s.neighbour(item, k));
        }
        return out;
    }
}
