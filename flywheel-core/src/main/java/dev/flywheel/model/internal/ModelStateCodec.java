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

    /** Items, each item's neighbour count, then every (neighbour, similarity), best first. */
    public static void writeSimilarity(ItemSimilarity s, StateWriter out) {
        int n = s.items();
        out.putInt(n);
        for (int i = 0; i < n; i++) out.putInt(s.neighbourCount(i));
        for (int i = 0; i < n; i++) {
            for (int k = 0, m = s.neighbourCount(i); k < m; k++) {
                out.putInt(s.neighbour(i, k)).putInt(Float.floatToRawIntBits(s.similarityAt(i, k)));
            }
        }
    }

    public static ItemSimilarity readSimilarity(StateReader in) {
        int n = in.count();
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) start[i + 1] = Math.addExact(start[i], in.count());
        int[] neighbour = new int[start[n]];
        float[] similarity = new float[start[n]];
        for (int i = 0; i < n; i++) {
            for (int k = start[i]; k < start[i + 1]; k++) {
                neighbour[k] = in.getInt();
                similarity[k] = Float.intBitsToFloat(in.getInt());
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
        double[] userFactors = getAll(in, Math.multiplyExact(users, factors));
        double[] itemFactors = getAll(in, Math.multiplyExact(items, factors));
        return new ImplicitAls.Model(users, items, factors, regularization, userFactors, itemFactors);
    }

    private static void putAll(double[] values, StateWriter out) {
        for (double v : values) out.putDouble(v);
    }

    private static double[] getAll(StateReader in, int n) {
        double[] out = new double[n];
        for (int k = 0; k < n; k++) out[k] = in.getDouble();
        return out;
    }
}
