package dev.flywheel.quality;

import java.util.Arrays;

/**
 * Click-through by slot, counted only over slots filled by exploration (an item the policy placed at
 * random there, whose logged propensity says so): there the item does not depend on the slot, so
 * what differs between slots is how much attention each gets. Relative to the first slot this is the
 * examination curve that the ranker's position features (one weight per position, learned from the
 * same logs) must absorb; a curve that moves between windows means the position correction used in
 * training is stale.
 */
public final class PositionBias {
    private final long[] shown;
    private final long[] clicked;

    public PositionBias(int positions) {
        if (positions < 1) throw new IllegalArgumentException("positions must be >= 1");
        shown = new long[positions];
        clicked = new long[positions];
    }

    /** An explored slot at {@code position} (1-based; later positions count as the last) and whether it was clicked. */
    public void explored(int position, boolean click) {
        if (position < 1) throw new IllegalArgumentException("position is 1-based, got " + position);
        int p = Math.min(position, shown.length) - 1;
        shown[p]++;
        if (click) clicked[p]++;
    }

    /** Click-through per position; NaN where nothing was explored. */
    public double[] clickThrough() {
        double[] out = new double[shown.length];
        for (int p = 0; p < out.length; p++) out[p] = shown[p] == 0 ? Double.NaN : (double) clicked[p] / shown[p];
        return out;
    }

    /** Click-through relative to the first slot's: the examination curve; NaN without a first slot's clicks. */
    public double[] curve() {
        double[] ctr = clickThrough();
        double first = ctr[0];
        return Arrays.stream(ctr).map(c -> first > 0 ? c / first : Double.NaN).toArray();
    }
}
