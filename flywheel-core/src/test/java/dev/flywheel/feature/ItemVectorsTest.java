package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemVectorsTest {
    @Test
    void aRepublishedItemIsSeenWithItsNewVectorNotTheCachedOne() {
        ItemVectors v = new ItemVectors();
        Map<String, Double> first = Map.of("topic:sport", 0.6, "goal", 0.8);
        ItemVectors.Shape a = v.of("a1", first);
        assertArrayEquals(new String[] {"topic:sport"}, a.topics());
        assertSame(a, v.of("a1", first), "same vector instance: built once");
        ItemVectors.Shape b = v.of("a1", Map.of("topic:politics", 1.0));
        assertArrayEquals(new String[] {"topic:politics"}, b.topics());
        assertArrayEquals(new double[] {1.0}, b.weights());
    }
}
