package dev.flywheel.model;

/** An item a sampler may place, with the ranking model's score. */
public record Candidate(String item, double score) {
    public Candidate {
        if (item == null || item.isBlank()) throw new IllegalArgumentException("item is required");
        if (!Double.isFinite(score)) throw new IllegalArgumentException("score must be finite");
    }
}
