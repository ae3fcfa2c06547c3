package dev.flywheel.model;

/**
 * A model version a rollout arm can serve: its name (logged with every decision it makes), its scorer
 * and the exploration that turns scores into a slate with exact propensities.
 *
 * @param seed the seed of the exploration's random draws, so a run can be repeated
 */
public record ModelVersion(String name, Scorer scorer, SlateSampler sampler, long seed) {
    public ModelVersion {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (scorer == null || sampler == null) throw new IllegalArgumentException("scorer and sampler are required");
    }
}
