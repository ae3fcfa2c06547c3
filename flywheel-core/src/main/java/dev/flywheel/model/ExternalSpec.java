package dev.flywheel.model;

import dev.flywheel.config.ConfigTree;
import java.util.Set;

/**
 * {@code model: external}: the product decides with its own model and logs its decisions with
 * {@code POST /v1/decisions}; Flywheel joins their outcomes, keeps the loop's features and evaluates
 * them, but serves nothing.
 */
public record ExternalSpec() implements ModelSpec {
    public static final String FAMILY = "external";

    static ExternalSpec from(ConfigTree loop) {
        ModelSpec.refuseUnused(loop, FAMILY, Set.of("learner", "exploration", "collaborative", "seed"));
        return new ExternalSpec();
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public LoopModel build(ModelContext context) {
        return LoopModel.external();
    }
}
