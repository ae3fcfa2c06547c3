package dev.flywheel.loop;

import dev.flywheel.event.FieldError;
import dev.flywheel.event.InvalidRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Shows k candidates in a uniformly random order: the baseline of a holdout and the purest
 * exploration. Slot i's propensity is 1/(candidates left), which is exact for this sampler.
 */
public final class UniformPolicy implements LoopPolicy {
    private final String model;
    private final Supplier<List<String>> candidateSource;
    private final SplittableRandom random;

    /** @param candidateSource the loop's candidates when a request brings none */
    public UniformPolicy(String model, Supplier<List<String>> candidateSource, long seed) {
        this.model = model;
        this.candidateSource = candidateSource;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public synchronized Slate decide(DecideRequest request, Instant now) {
        List<String> candidates = request.candidates() != null ? request.candidates() : candidateSource.get();
        if (candidates.isEmpty()) throw new InvalidRecordException(List.of(new FieldError("candidates", "the loop has none to show")));
        List<String> left = new ArrayList<>(candidates);
        List<Slate.Slot> slots = new ArrayList<>();
        for (int i = 0; i < Math.min(request.k(), candidates.size()); i++) {
            int pick = random.nextInt(left.size());
            slots.add(new Slate.Slot(left.get(pick), 0.0, 1.0 / left.size(), Map.of()));
            left.set(pick, left.get(left.size() - 1));
            left.remove(left.size() - 1);
        }
        return new Slate(model, "uniform", slots, candidates);
    }
}
