package dev.flywheel.event;

/**
 * What a product sends and the event log keeps: an event or a decision. Both carry an id that is
 * their idempotency key within their kind.
 */
public interface LoggedRecord {
    enum Kind { EVENT, DECISION }

    String id();

    Kind kind();
}
