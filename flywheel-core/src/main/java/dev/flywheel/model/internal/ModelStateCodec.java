package dev.flywheel.model.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;

/**
 * The trained collaborative models in a checkpoint: an item similarity's kept neighbour lists and a
 * factorisation's vectors, bit for bit (floats as their raw bits), so a restored model scores exactly
 * as the trained one did. What is derived from them (the similarity's lists by item, the fold-in's
 * YᵀY + λI) is computed again on reading by the same code, in the same order: bit-identical too, and
 * not worth its bytes. A malformed state throws {@link IllegalStateException}.
 */
public final class ModelStateCodec {
    private ModelStateCodec() { }

    /**
     * Items, each item's neighbour count, then every item's neighbours, best first, then their
     * similarities: columns, read in bulk.
     */
    public static void writeSimilarity(ItemSimilarity s, StateWriter out) {
        int n = s.items();
        int[] counts = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) total = Math.addExact(total, counts[i] = s.neighbourCount(i));
        int[] neighbours = new int[total];
        float[] similarities = new float[total];
        for (int i = 0, at = 0; i < n; i++) {
            for (int k = 0; k < counts[i]; k++, at++) {
                neighbours[at] = s.neighbour(i, k);
                similarities[at] = s.similarityAt(i, k);
            }
        }
        out.putInt(n).putInts(counts, 0, n).putInts(neighbours, 0, total).putFloats(similarities, 0, total);
    }

    public static ItemSimilarity readSimilarity(StateReader in) {
        int n = in.count();
        int[] counts = in.getInts(n);
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            if (counts[i] < 0) throw new IllegalStateException("item " + i + " has " + counts[i] + " neighbours");
            start[i + 1] = Math.addExact(start[i], counts[i]);
        }
        int[] neighbour = in.getInts(start[n]);
        float[] similarity = in.getFloats(start[n]);
        for (int i = 0; i < n; i++) {
            for (int k = start[i]; k < start[i + 1]; k++) {
                if (neighbour[k] < 0 || neighbour[k] >= n || neighbour[k] == i) {
                    throw new IllegalStateException("item " + i + " has neighbour " + neighbour[k] + " of " + n + " items");
                }
            }
        }
        return new ItemSimilarity(n, start, neighbour, similarity);
    }

    /** Users, items, factors and λ, then every user's vector and every item's. */
    public static void writeFactors(ImplicitAls.Model m, StateWriter out) {
        out.putInt(m.users()).putInt(m.items()).putInt(m.factors()).putDouble(m.regularization());
        for (int u = 0; u < m.users(); u++) putAll(m.userVector(u), out);
        for (int i = 0; i < m.items(); i++) putAll(m.itemVector(i), out);
    }

    public static ImplicitAls.Model readFactors(StateReader in) {
        int users = in.count();
        int items = in.count();
        int factors = in.getInt();
        double regularization = in.getDouble();
        if (factors < 1 || factors > 512) throw new IllegalStateException("factors " + factors + " outside 1..512");
        double[] userFactors = in.getDoubles(Math.multiplyExact(users, factors));
        double[] itemFactors = in.getDoubles(Math.multiplyExact(items, factors));
        return new ImplicitAls.Model(users, items, factors, regularization, userFactors, itemFactors);
    }

    private static void putAll(double[] values, StateWriter out) {
        out.putDoubles(values, 0, values.length);
    }
}
