package dev.flywheel.ingest;

import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.event.Event;
import dev.flywheel.event.EventTypes;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.LoggedRecord;
import dev.flywheel.quality.EventSuite;
import dev.flywheel.quality.RowViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The checks a valid record must still pass to be let in, which depend on this deployment rather
 * than on the record alone: its event type must be known, its timestamp must not lie further in the
 * future than clients' clocks plausibly drift, and, when the deployment says so, the loop it names
 * must be configured (otherwise such records are let in and counted per loop name), and it must not
 * break a row-level expectation of a suite that quarantines (the error names the suite, the
 * expectation and the value).
 */
public final class Admission {
    private final EventTypes types;
    private final Clock clock;
    private final Duration maxFutureSkew;
    /** The configured loops when records naming another loop are refused; null when they are let in. */
    private final Set<String> loops;
    private final List<EventSuite> suites;

    public Admission(EventTypes types, Clock clock, Duration maxFutureSkew) {
        this(types, clock, maxFutureSkew, null);
    }

    /** @param loops the configured loops, when a record naming another loop is refused; null to let it in */
    public Admission(EventTypes types, Clock clock, Duration maxFutureSkew, Set<String> loops) {
        this(types, clock, maxFutureSkew, loops, List.of());
    }

    /** @param suites expectation suites whose row-level expectations refuse the events that break them */
    public Admission(EventTypes types, Clock clock, Duration maxFutureSkew, Set<String> loops, List<EventSuite> suites) {
        this.suites = suites.stream().filter(s -> s.quarantine() && s.suite().hasRowLevel()).toList();
        this.types = types;
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        this.loops = loops == null ? null : Set.copyOf(loops);
    }

    /**
     * What a deployment lets in: its event types, a bounded future skew, its loops when unknown ones
     * are refused, its suites' row-level expectations; the same for the HTTP API and the Flink job.
     */
    public static Admission of(FlywheelConfig config, Clock clock) {
        return new Admission(new EventTypes(config.customEventTypes()), clock, config.ingest().maxFutureSkew(),
                config.rejectUnknownLoops() ? config.loopNames() : null, config.expectations());
    }

    /** The reasons to refuse the record; empty when it may be stored. */
    public List<FieldError> check(LoggedRecord record) {
        Instant latest = clock.instant().plus(maxFutureSkew);
        if (record instanceof Event e) {
            if (!types.isKnown(e.type())) {
                return List.of(new FieldError("type", "unknown event type '" + e.type()
                        + "'; declare custom types under events.custom_types"));
            }
            if (unknownLoop(e.loop())) return unknownLoopError(e.loop());
            List<FieldError> future = future(e.timestamp(), latest);
            return future.isEmpty() ? expectations(e) : future;
        }
        if (record instanceof dev.flywheel.decision.Decision d) {
            if (unknownLoop(d.loop())) return unknownLoopError(d.loop());
            return future(d.timestamp(), latest);
        }
        return List.of();
    }

    /** The row-level expectations the event breaks, each naming its suite, expectation and value. */
    private List<FieldError> expectations(Event e) {
        if (suites.isEmpty()) return List.of();
        List<FieldError> out = new java.util.ArrayList<>(0);
        java.util.Map<String, Object> row = null;
        for (EventSuite s : suites) {
            if (!s.judges(e)) continue;
            if (row == null) row = EventSuite.row(e);
            for (RowViolation v : s.suite().rowViolations(row)) {
                out.add(new FieldError(v.column(), "breaks " + v.reason() + " of suite " + s.suite().name()));
            }
        }
        return out;
    }

    private boolean unknownLoop(String loop) {
        return loops != null && loop != null && !loops.contains(loop);
    }

    private static List<FieldError> unknownLoopError(String loop) {
        return List.of(new FieldError("loop", "no loop named '" + loop + "' is configured (events.unknown_loops: reject)"));
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
