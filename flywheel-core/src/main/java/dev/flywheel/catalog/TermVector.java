package dev.flywheel.catalog;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sparse, L2-normalised vector over terms, sorted by term so that a dot product is one merge
 * pass with no hashing: similarity is computed for every candidate of every decision.
 */
public final class TermVector {
    public static final TermVector EMPTY = new TermVector(new String[0], new float[0]);
    private final String[] terms;
    private final float[] weights;
    private volatile Map<String, Double> map;

    private TermVector(String[] terms, float[] weights) {
        this.terms = terms;
        this.weights = weights;
    }

    /** Normalises the given weights; zero and non-finite weights are dropped. */
    public static TermVector of(Map<String, Double> raw) {
        TreeMap<String, Double> sorted = new TreeMap<>();
        double norm = 0;
        for (var e : raw.entrySet()) {
            double w = e.getValue();
            if (w != 0 && Double.isFinite(w)) {
                sorted.put(e.getKey(), w);
                norm += w * w;
            }
        }
        if (sorted.isEmpty()) return EMPTY;
        double inv = 1 / Math.sqrt(norm);
        String[] t = new String[sorted.size()];
        float[] w = new float[sorted.size()];
        int i = 0;
        for (var e : sorted.entrySet()) {
            t[i] = e.getKey();
            w[i++] = (float) (e.getValue() * inv);
        }
        return new TermVector(t, w);
    }

    /** Written to a checkpoint: terms in order, then the weights as stored. */
    void writeTo(dev.flywheel.state.StateWriter out) {
        out.putInt(terms.length);
        for (int i = 0; i < terms.length; i++) {
            out.putString(terms[i]);
            out.putInt(Float.floatToRawIntBits(weights[i]));
        }
    }

    /** What {@link #writeTo} wrote, bit for bit: normalising again could move the last bit. */
    static TermVector readFrom(dev.flywheel.state.StateReader in) {
        int n = in.count();
        if (n == 0) return EMPTY;
        String[] t = new String[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = in.getString();
            w[i] = Float.intBitsToFloat(in.getInt());
        }
        return new TermVector(t, w);
    }

    /** Cosine similarity (both vectors are unit length). */
    public double dot(TermVector o) {
        double s = 0;
        int i = 0;
        int j = 0;
        while (i < terms.length && j < o.terms.length) {
            int c = terms[i].compareTo(o.terms[j]);
            if (c == 0) s += weights[i++] * o.weights[j++];
            else if (c < 0) i++;
            else j++;
        }
        return s;
    }

    /** The vector as an unmodifiable map, built once: feature code works on maps. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = map;
        if (m == null) {
            Map<String, Double> b = new java.util.HashMap<>(terms.length * 2);
            for (int i = 0; i < terms.length; i++) b.put(terms[i], (double) weights[i]);
            map = m = java.util.Collections.unmodifiableMap(b);
        }
        return m;
    }

    public int size() {
        return terms.length;
    }

    public String term(int i) {
        return terms[i];
    }

    public double weight(int i) {
        return weights[i];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < terms.length; i++) sb.append(i == 0 ? "" : ", ").append(terms[i]).append('=').append(weights[i]);
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TermVector v && Arrays.equals(terms, v.terms) && Arrays.equals(weights, v.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(terms) * 31 + Arrays.hashCode(weights);
    }
}
