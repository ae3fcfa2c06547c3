package dev.flywheel.event;

/**
 * What a product sends and the event log keeps: an event, a decision or a catalog item. Events and
 * decisions are facts, so a repeated id is a duplicate; an item is state, so a repeated id is a
 * new version of it (the latest wins).
 */
public interface LoggedRecord {
    enum Kind { EVENT, DECISION, ITEM }

    String id();

    Kind kind();
}
