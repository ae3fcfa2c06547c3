package dev.flywheel.feature;

import java.util.Arrays;

/**
 * The ranking inputs of one served item of a decision, as they were at the decision's place in the
 * log (before its own feedback): what the learner trains on for it, what a training snapshot holds
 * and what time travel shows. The values are in the order of the loop's feature names.
 *
 * @param seq the decision's log position
 */
public record ServedFeatures(long seq, String decision, String loop, String item, int position, double[] values) {
    public ServedFeatures {
        if (decision == null || loop == null || item == null) throw new IllegalArgumentException("decision, loop and item are required");
        if (position < 1) throw new IllegalArgumentException("position must be at least 1");
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServedFeatures f && f.seq == seq && f.decision.equals(decision) && f.loop.equals(loop)
                && f.item.equals(item) && f.position == position && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + decision.hashCode() * 17 + item.hashCode() + Arrays.hashCode(values);
    }
}
