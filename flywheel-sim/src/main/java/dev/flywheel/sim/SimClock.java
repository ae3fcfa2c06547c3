package dev.flywheel.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulated time, shared by a world and the engine it drives in the same process: the world
 * moves it forward round by round, and the engine's windows, decays and timestamps follow.
 */
public final class SimClock extends Clock {
    private volatile Instant now;

    public SimClock(Instant start) {
        this.now = start;
    }

    /** Moves time to {@code t}; time never goes back. */
    public synchronized void advanceTo(Instant t) {
        if (t.isAfter(now)) now = t;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
