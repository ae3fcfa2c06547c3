package dev.flywheel.loop;

import java.time.Instant;

/**
 * How a loop decides: the one policy interface. The engine's rollout serves it over HTTP, and the
 * simulator's baselines implement it too, so a policy scored in a simulated world is the policy that
 * runs in production.
 */
public interface LoopPolicy {
    /**
     * @throws dev.flywheel.event.InvalidRecordException (naming the field) when the request cannot be served
     * @throws UnsupportedOperationException when the loop's decisions are made by the product
     */
    Choice decide(DecideRequest request, Instant now);
}
