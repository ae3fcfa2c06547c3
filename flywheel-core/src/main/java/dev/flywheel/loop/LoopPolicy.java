package dev.flywheel.loop;

import java.time.Instant;

/**
 * How a loop decides. The same interface serves the engine's learners and the simulator's
 * baselines, so a policy scored in a simulated world is the policy that runs in production.
 */
public interface LoopPolicy {
    /**
     * @throws IllegalArgumentException (naming the field) when the request cannot be served
     * @throws UnsupportedOperationException when the loop's decisions are made by the product
     */
    Slate decide(DecideRequest request, Instant now);
}
