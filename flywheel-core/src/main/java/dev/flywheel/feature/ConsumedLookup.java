package dev.flywheel.feature;

import java.time.Instant;

/**
 * What a decision asks of a loop's consumed items: whether a user had consumed an item by a time. The
 * embedded engine answers from the stream's own {@link ConsumedItems}; a server of the distributed
 * shape from the state the job publishes, through a cache.
 */
@FunctionalInterface
public interface ConsumedLookup {
    /** Whether {@code user} had consumed {@code item} at or before {@code at}. */
    boolean consumed(String user, String item, Instant at);
}
