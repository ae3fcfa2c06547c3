package dev.flywheel.sim.articles;

import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.Slate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Uniformly random slates: the floor every learner must beat, and the logging policy of choice for off-policy work. */
public final class RandomPolicy implements LoopPolicy {
    private final SplittableRandom rnd;

    public RandomPolicy(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** Slot i drew uniformly from the n − i candidates left: that is its propensity. */
    @Override
    public Choice decide(DecideRequest request, java.time.Instant now) {
        List<String> pool = new ArrayList<>(request.candidates());
        int n = Math.min(request.k(), pool.size());
        List<Slate.Slot> slots = new ArrayList<>(n);
        // Partial Fisher-Yates: only the first n positions need shuffling.
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(pool.size() - i);
            String tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
            slots.add(new Slate.Slot(pool.get(i), 0, 1.0 / (pool.size() - i)));
        }
        return new Choice("random", "champion", 1, 0, new Slate(slots), request.candidates(), List.of(), List.of());
    }
}
