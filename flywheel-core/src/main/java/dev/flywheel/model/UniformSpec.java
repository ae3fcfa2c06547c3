package dev.flywheel.model;

import dev.flywheel.config.ConfigTree;
import java.util.List;
import java.util.Set;

/**
 * {@code model: uniform}: k candidates in a uniformly random order, the baseline of a holdout and
 * the purest exploration. All scores are equal, so the Plackett–Luce sampler draws each remaining
 * candidate with probability 1/(candidates left): the logged propensities are exact.
 */
public record UniformSpec(long seed) implements ModelSpec {
    public static final String FAMILY = "uniform";
    public static final String VERSION = "uniform-1";

    static UniformSpec from(ConfigTree loop) {
        ModelSpec.refuseUnused(loop, FAMILY, Set.of("learner", "exploration", "collaborative"));
        return new UniformSpec(loop.longValue("seed", loop.string("name", "loop").hashCode(), Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public LoopModel build(ModelContext context) {
        Scorer equal = (user, items, at, explain) -> {
            List<Candidate> out = new java.util.ArrayList<>(items.size());
            for (String item : items) out.add(new Candidate(item, 0.0));
            return out;
        };
        return LoopModel.serving(new ModelVersion(VERSION, equal, new SlateSampler.PlackettLuce(1.0), seed));
    }
}
