package dev.flywheel.sim.articles;

import dev.flywheel.loop.LoopPolicy;

/**
 * A policy entered in a run under a short stable name for reports (e.g. {@code oracle}). The policy
 * is a production {@link LoopPolicy}; if it also implements {@link FeedbackObserver} it is shown
 * what happened to each slate it served.
 */
public record Contender(String name, LoopPolicy policy) {
    public Contender {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (policy == null) throw new IllegalArgumentException("policy is required");
    }
}
