package dev.flywheel.model.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Item-to-item similarity from co-occurrence, as in Microsoft's SAR ("Smart Adaptive Recommendations",
 * recommenders-team/recommenders, {@code recommenders/models/sar/sar_singlenode.py}, whose {@code threshold}
 * is {@link Params#minCooccurrence}). The occurrence matrix O is users x items
 * with O_ui = 1 where the input's value is &gt; 0 (other stored values are ignored); the co-occurrence
 * C = OᵀO counts, for items i and j, the users who have both, and C_ii the users who have i. From it:
 * <ul>
 *   <li>{@link Measure#COOCCURRENCE}: S_ij = C_ij;</li>
 *   <li>{@link Measure#JACCARD}: S_ij = C_ij / (C_ii + C_jj − C_ij), the share of either's users who have both;</li>
 *   <li>{@link Measure#LIFT}: S_ij = C_ij / (C_ii · C_jj), which discounts popular items;</li>
 *   <li>{@link Measure#COSINE}: S_ij = C_ij / √(C_ii · C_jj), the cosine of the two items' user sets,
 *       between Jaccard and lift in how much it discounts popularity.</li>
 * </ul>
 * Each item keeps its {@link Params#neighbours} most similar other items among those with
 * C_ij ≥ {@link Params#minCooccurrence}, best first, ties by ascending item index; the diagonal is
 * never kept. S is symmetric, but the truncation is per item, so j may be among i's neighbours and not
 * i among j's. {@link #score} and {@link #topContributions} read the target's list: S(i, target) is
 * taken as target's kept similarity to i, 0 when i did not make target's list.
 *
 * <p>Cost: each item enumerates the items of each of its users, Σ_u n_u² counter increments in all
 * (n_u = user u's item count), with one dense counter of size items per task. A single user with a
 * long history dominates that sum, so the caller must bound n_u (e.g. to each user's most recent few
 * hundred items) before training. Items are processed in parallel in fixed chunks; an item's list
 * depends on nothing computed for another item, so the result does not depend on scheduling.
 */
public final class ItemSimilarity {
    /**
     * Items per parallel task: enough to amortise the task's counter array (one int per item), few
     * enough that a run of popular, expensive items still spreads over both cores.
     */
    private static final int CHUNK = 64;

    public enum Measure { COOCCURRENCE, JACCARD, LIFT, COSINE }

    /**
     * @param measure         how a co-occurrence count becomes a similarity
     * @param neighbours      items kept per item (≥ 1)
     * @param minCooccurrence least number of shared users for a pair to count (≥ 1)
     */
    public record Params(Measure measure, int neighbours, int minCooccurrence) {
        public Params {
            if (measure == null) throw new IllegalArgumentException("measure is required");
            if (neighbours < 1) throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
            if (minCooccurrence < 1) {
                throw new IllegalArgumentException("minCooccurrence must be >= 1, got " + minCooccurrence);
            }
        }
    }

    /** The part of a score that one of the user's items contributes: weight × S(item, target). */
    public record Contribution(int item, double contribution) {
    }

    private final int items;
    /** Item i's neighbours are entries start[i] … start[i + 1] − 1 of the arrays below. */
    private final int[] start;
    private final int[] bestFirst;
    private final float[] bestFirstSimilarity;
    /** The same lists by ascending item, so that a lookup is a binary search. */
    private final int[] byItem;
    private final float[] byItemSimilarity;

    /** Also restores a checkpointed similarity ({@link ModelStateCodec}): the lookup order is derived again. */
    ItemSimilarity(int items, int[] start, int[] bestFirst, float[] bestFirstSimilarity) {
        this.items = items;
        this.start = start;
        this.bestFirst = bestFirst;
        this.bestFirstSimilarity = bestFirstSimilarity;
        this.byItem = new int[bestFirst.length];
        this.byItemSimilarity = new float[bestFirst.length];
        for (int i = 0; i < items; i++) sortByItem(i);
    }

    /** Similarities of the columns of a users x items matrix; a user's item counts where its value is &gt; 0. */
    public static ItemSimilarity train(SparseMatrix userItems, Params p) {
        if (userItems == null) throw new IllegalArgumentException("userItems is required");
        if (p == null) throw new IllegalArgumentException("params is required");
        SparseMatrix itemUsers = userItems.transpose();
        int n = userItems.cols();
        int[] occurrence = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = itemUsers.start(i); k < itemUsers.end(i); k++) {
                if (itemUsers.value(k) > 0) occurrence[i]++;
            }
        }
        int[][] neighbour = new int[n][];
        float[][] similarity = new float[n][];
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            Neighbourhood hood = new Neighbourhood(n, p, occurrence);
            for (int i = c * CHUNK, end = Math.min(n, i + CHUNK); i < end; i++) {
                hood.collect(i, userItems, itemUsers);
                hood.drain(i, neighbour, similarity);
            }
        });
        return flatten(n, neighbour, similarity);
    }

    private static ItemSimilarity flatten(int n, int[][] neighbour, float[][] similarity) {
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = Math.addExact(start[i], neighbour[i].length);
        int[] flat = new int[start[n]];
        float[] flatSimilarity = new float[start[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(neighbour[i], 0, flat, start[i], neighbour[i].length);
            System.arraycopy(similarity[i], 0, flatSimilarity, start[i], similarity[i].length);
        }
        return new ItemSimilarity(n, start, flat, flatSimilarity);
    }

    /** Packs (item, similarity bits) into longs so that one primitive sort orders a list by item. */
    private void sortByItem(int i) {
        int from = start[i];
        int len = start[i + 1] - from;
        long[] packed = new long[len];
        for (int k = 0; k < len; k++) {
            packed[k] = ((long) bestFirst[from + k] << 32) | (Float.floatToRawIntBits(bestFirstSimilarity[from + k]) & 0xffffffffL);
        }
        Arrays.sort(packed);
        for (int k = 0; k < len; k++) {
            byItem[from + k] = (int) (packed[k] >>> 32);
            byItemSimilarity[from + k] = Float.intBitsToFloat((int) packed[k]);
        }
    }

    public int items() {
        return items;
    }

    /** How many neighbours {@code item} kept; with {@link #neighbour} and {@link #similarityAt}, a read without copies. */
    public int neighbourCount(int item) {
        return start[item + 1] - start[item];
    }

    /** The {@code k}-th kept neighbour of {@code item}, most similar first. */
    public int neighbour(int item, int k) {
        return bestFirst[start[item] + k];
    }

    /** The similarity of {@link #neighbour(int, int)}. */
    public float similarityAt(int item, int k) {
        return bestFirstSimilarity[start[item] + k];
    }

    /** A copy of item's kept neighbours, most similar first. */
    public int[] neighbours(int item) {
        checkItem("item", item);
        return Arrays.copyOfRange(bestFirst, start[item], start[item + 1]);
    }

    /** A copy of the similarities of {@link #neighbours(int)}, in the same order (non-increasing). */
    public float[] similarities(int item) {
        checkItem("item", item);
        return Arrays.copyOfRange(bestFirstSimilarity, start[item], start[item + 1]);
    }

    /** S(a, b) if b is one of a's kept neighbours, else 0. */
    public double similarity(int a, int b) {
        checkItem("a", a);
        checkItem("b", b);
        return lookup(a, b);
    }

    private float lookup(int target, int item) {
        int k = Arrays.binarySearch(byItem, start[target], start[target + 1], item);
        return k >= 0 ? byItemSimilarity[k] : 0;
    }

    /**
     * Σ_k userWeights[k] · S(userItems[k], target), each S read from target's kept list (0 for an item
     * not on it, and for target itself): O(n log K) for n user items and K neighbours. An item listed
     * twice counts twice.
     */
    public double score(int[] userItems, double[] userWeights, int target) {
        checkUser(userItems, userWeights, target);
        double s = 0;
        for (int k = 0; k < userItems.length; k++) s += userWeights[k] * lookup(target, userItems[k]);
        return s;
    }

    /**
     * The terms of {@link #score} that are not 0, one per position k of userItems, largest first
     * (ties by ascending item), at most {@code n} of them: "recommended because you liked …".
     */
    public List<Contribution> topContributions(int[] userItems, double[] userWeights, int target, int n) {
        checkUser(userItems, userWeights, target);
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        List<Contribution> all = new ArrayList<>();
        for (int k = 0; k < userItems.length; k++) {
            double c = userWeights[k] * lookup(target, userItems[k]);
            if (c != 0) all.add(new Contribution(userItems[k], c));
        }
        all.sort(Comparator.comparingDouble(Contribution::contribution).reversed()
                .thenComparingInt(Contribution::item));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    private void checkUser(int[] userItems, double[] userWeights, int target) {
        if (userItems == null) throw new IllegalArgumentException("userItems is required");
        if (userWeights == null) throw new IllegalArgumentException("userWeights is required");
        if (userItems.length != userWeights.length) {
            throw new IllegalArgumentException("userItems and userWeights must have the same length, got "
                    + userItems.length + " and " + userWeights.length);
        }
        checkItem("target", target);
        for (int k = 0; k < userItems.length; k++) {
            checkItem("userItems[" + k + "]", userItems[k]);
            if (!Double.isFinite(userWeights[k])) {
                throw new IllegalArgumentException("userWeights[" + k + "] must be finite, got " + userWeights[k]);
            }
        }
    }

    private void checkItem(String name, int item) {
        if (item < 0 || item >= items) throw new IllegalArgumentException(name + " " + item + " is outside [0, " + items + ")");
    }

    /**
     * One task's working memory: a dense co-occurrence counter over all items, the list of items it
     * touched (to reset and scan only those), and a bounded heap of the best neighbours so far.
     */
    private static final class Neighbourhood {
        private final Params params;
        private final int[] occurrence;
        private final int[] count;
        private final int[] touched;
        private int touchedSize;
        /** A min-heap by (similarity, then descending item): its root is the worst neighbour kept. */
        private final int[] heapItem;
        private final float[] heapSimilarity;
        private int heapSize;

        Neighbourhood(int items, Params params, int[] occurrence) {
            this.params = params;
            this.occurrence = occurrence;
            this.count = new int[items];
            this.touched = new int[items];
            int k = Math.min(params.neighbours(), items);
            this.heapItem = new int[k];
            this.heapSimilarity = new float[k];
        }

        /** Counts C_ij for all j ≠ i, then keeps the best of those with C_ij ≥ minCooccurrence. */
        void collect(int i, SparseMatrix userItems, SparseMatrix itemUsers) {
            touchedSize = 0;
            heapSize = 0;
            for (int k = itemUsers.start(i); k < itemUsers.end(i); k++) {
                if (!(itemUsers.value(k) > 0)) continue;
                int u = itemUsers.column(k);
                for (int q = userItems.start(u); q < userItems.end(u); q++) {
                    int j = userItems.column(q);
                    if (j != i && userItems.value(q) > 0 && count[j]++ == 0) touched[touchedSize++] = j;
                }
            }
            for (int t = 0; t < touchedSize; t++) {
                int j = touched[t];
                if (count[j] >= params.minCooccurrence()) offer(j, similarity(count[j], occurrence[i], occurrence[j]));
                count[j] = 0;
            }
        }

        private float similarity(int cij, int cii, int cjj) {
            return switch (params.measure()) {
                case COOCCURRENCE -> cij;
                case JACCARD -> (float) (cij / ((double) cii + cjj - cij));
                case LIFT -> (float) (cij / ((double) cii * cjj));
                case COSINE -> (float) (cij / Math.sqrt((double) cii * cjj));
            };
        }

        private void offer(int j, float s) {
            if (heapSize < heapItem.length) {
                heapItem[heapSize] = j;
                heapSimilarity[heapSize] = s;
                siftUp(heapSize++);
            } else if (heapItem.length > 0 && worse(heapItem[0], heapSimilarity[0], j, s)) {
                heapItem[0] = j;
                heapSimilarity[0] = s;
                siftDown(0);
            }
        }

        /** Whether (a, sa) ranks below (b, sb): lower similarity, or equal and a higher index. */
        private static boolean worse(int a, float sa, int b, float sb) {
            return sa < sb || (sa == sb && a > b);
        }

        private void siftUp(int k) {
            while (k > 0) {
                int parent = (k - 1) / 2;
                if (!worse(heapItem[k], heapSimilarity[k], heapItem[parent], heapSimilarity[parent])) return;
                swap(k, parent);
                k = parent;
            }
        }

        private void siftDown(int k) {
            while (true) {
                int least = k;
                for (int child = 2 * k + 1; child <= 2 * k + 2 && child < heapSize; child++) {
                    if (worse(heapItem[child], heapSimilarity[child], heapItem[least], heapSimilarity[least])) least = child;
                }
                if (least == k) return;
                swap(k, least);
                k = least;
            }
        }

        private void swap(int a, int b) {
            int item = heapItem[a];
            heapItem[a] = heapItem[b];
            heapItem[b] = item;
            float s = heapSimilarity[a];
            heapSimilarity[a] = heapSimilarity[b];
            heapSimilarity[b] = s;
        }

        /** Stores the kept neighbours of item i best first, emptying the heap (the worst pops into the last slot). */
        void drain(int i, int[][] neighbour, float[][] similarity) {
            int[] out = new int[heapSize];
            float[] sims = new float[heapSize];
            while (heapSize > 0) {
                out[heapSize - 1] = heapItem[0];
                sims[heapSize - 1] = heapSimilarity[0];
                swap(0, --heapSize);
                siftDown(0);
            }
            neighbour[i] = out;
            similarity[i] = sims;
        }
    }
}
