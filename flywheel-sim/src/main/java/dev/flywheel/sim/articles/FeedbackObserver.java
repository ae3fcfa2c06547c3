package dev.flywheel.sim.articles;

/**
 * A baseline that learns from what happened to the slates it served, the way a product's own model
 * would. Flywheel does not implement this: it learns from the events it is sent.
 */
public interface FeedbackObserver {
    void observe(Feedback feedback);
}
