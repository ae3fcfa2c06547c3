package dev.flywheel.outcome;

import dev.flywheel.event.Event;

/**
 * A feedback event that did not become part of any outcome, with the reason. Kept, never dropped:
 * late feedback is evidence that the window is too short, orphans point at broken instrumentation.
 *
 * @param decision the decision it was meant for, when known (null for orphans without one)
 */
public record Unjoined(Event event, Reason reason, String decision) {
    public enum Reason {
        /** After the window of its decision (by event time), or after the decision was closed. */
        LATE,
        /** No decision to join: unknown decision id, unknown item, or nothing showed the item. */
        ORPHAN
    }

    public Unjoined {
        if (event == null) throw new IllegalArgumentException("event is required");
        if (reason == null) throw new IllegalArgumentException("reason is required");
    }
}
