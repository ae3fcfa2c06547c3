package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TermWeightsTest {
    @Test
    void answersLikeTheMapItReplacesIncludingCollidingAndMissingIds() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int size : new int[] {0, 1, 3, 64, 1_000}) {
            Map<Integer, Double> expected = new HashMap<>();
            TermWeights t = new TermWeights(size);
            while (expected.size() < size) {
                int id = rng.nextInt(5_000);
                double w = rng.nextDouble(-1, 1);
                expected.put(id, w);
                t.put(id, w);
            }
            for (int id = 0; id < 5_000; id++) assertEquals(expected.getOrDefault(id, 0.0), t.get(id), "id " + id);
        }
    }
}
