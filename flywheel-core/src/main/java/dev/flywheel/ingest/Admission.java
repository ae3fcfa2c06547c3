package dev.flywheel.ingest;

import dev.flywheel.event.Event;
import dev.flywheel.event.EventTypes;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.LoggedRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The checks a valid record must still pass to be let in, which depend on this deployment rather
 * than on the record alone: its event type must be known, and its timestamp must not lie further
 * in the future than clients' clocks plausibly drift.
 */
public final class Admission {
    private final EventTypes types;
    private final Clock clock;
    private final Duration maxFutureSkew;

    public Admission(EventTypes types, Clock clock, Duration maxFutureSkew) {
        this.types = types;
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
    }

    /** The reasons to refuse the record; empty when it may be stored. */
    public List<FieldError> check(LoggedRecord record) {
        Instant latest = clock.instant().plus(maxFutureSkew);
        if (record instanceof Event e) {
            if (!types.isKnown(e.type())) {
                return List.of(new FieldError("type", "unknown event type '" + e.type()
                        + "'; declare custom types under events.custom_types"));
            }
            return future(e.timestamp(), latest);
        }
        if (record instanceof dev.flywheel.decision.Decision d) return future(d.timestamp(), latest);
        return List.of();
    }

    private List<FieldError> future(Instant ts, Instant latest) {
        if (ts.isAfter(latest)) {
            return List.of(new FieldError("timestamp", "lies more than " + maxFutureSkew
                    + " in the future (" + ts + ")"));
        }
        return List.of();
    }

    public EventTypes types() {
        return types;
    }
}
