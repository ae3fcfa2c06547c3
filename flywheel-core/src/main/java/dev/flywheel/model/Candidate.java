package dev.flywheel.model;

import java.util.List;
import java.util.Map;

/**
 * An item a sampler may place, with the ranking model's score and, when a decision is explained, the
 * features the score used and what it came from in words.
 */
public record Candidate(String item, double score, Map<String, Double> features, List<String> reasons) {
    public Candidate {
        if (item == null || item.isBlank()) throw new IllegalArgumentException("item is required");
        if (!Double.isFinite(score)) throw new IllegalArgumentException("score must be finite");
        features = features == null ? Map.of() : features;
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public Candidate(String item, double score) {
        this(item, score, Map.of(), List.of());
    }
}
