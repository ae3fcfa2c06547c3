package dev.flywheel.sim.shop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Indices of the k largest values, largest first; ties go to the lower index so the answer is reproducible. */
final class TopK {
    private TopK() { }

    static List<Integer> indices(double[] values, int k) {
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
        List<Integer> order = new ArrayList<>(IntStream.range(0, values.length).boxed().toList());
        order.sort(Comparator.<Integer>comparingDouble(i -> -values[i]).thenComparingInt(i -> i));
        return List.copyOf(order.subList(0, Math.min(k, order.size())));
    }
}
