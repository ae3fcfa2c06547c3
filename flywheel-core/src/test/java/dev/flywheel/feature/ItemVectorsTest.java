package dev.flywheel.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /**
     * Decisions build shapes and term ids in parallel (read lock): a term must get one id whichever
     * thread meets it first, and distinct terms distinct ids, or a cosine would match wrong terms.
     */
    @Test
    void parallelDecisionsAgreeOnEveryTermId() throws Exception {
        ItemVectors v = new ItemVectors();
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) terms.add("term" + i);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> seen = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                seen.add(pool.submit(() -> {
                    List<String> order = new ArrayList<>(terms);
                    Collections.shuffle(order, new Random(seed));
                    order.forEach(v::id);
                    return terms.stream().mapToInt(v::id).toArray();
                }));
            }
            int[] first = seen.get(0).get();
            for (Future<int[]> f : seen) assertArrayEquals(first, f.get());
            assertEquals(terms.size(), new HashSet<>(java.util.Arrays.stream(first).boxed().toList()).size());
        } finally {
            pool.shutdownNow();
        }
    }
}
