package dev.flywheel.sim.articles;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Uniformly random slates: the floor every learner must beat, and the logging policy of choice for off-policy work. */
public final class RandomPolicy implements SlatePolicy {
    private final SplittableRandom rnd;

    public RandomPolicy(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public List<String> rank(String user, List<String> candidates, int k, java.time.Instant now) {
        List<String> pool = new ArrayList<>(candidates);
        int n = Math.min(k, pool.size());
        // Partial Fisher-Yates: only the first n positions need shuffling.
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(pool.size() - i);
            String tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        return List.copyOf(pool.subList(0, n));
    }
}
