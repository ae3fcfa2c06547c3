package dev.flywheel.topology.internal;

import dev.flywheel.topology.ServingState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A state the stream operators publish whole (a learner's state, collaborative models), decoded on a
 * server and refreshed on read: at most once per {@code ttl} (by the injected clock) a read asks the
 * port for the newest publication and decodes it when its position is newer than the one it holds.
 * So a read sees a state at most {@code ttl} older than the newest published one.
 */
public final class PublishedValue<T> {
    private final String what;
    private final Supplier<ServingState.Published> published;
    private final Function<byte[], T> decode;
    private final Clock clock;
    private final Duration ttl;
    private volatile Current<T> current;

    /** The publication held (null before the first), its decoded value, and when the port was last asked. */
    public record Current<T>(ServingState.Published state, T value, Instant checkedAt) { }

    /**
     * @param what    names the state in an error ("loop x: the published learner state")
     * @param initial the value before the first publication
     */
    public PublishedValue(String what, Supplier<ServingState.Published> published, Function<byte[], T> decode, T initial,
                          Clock clock, Duration ttl) {
        this.what = what;
        this.published = published;
        this.decode = decode;
        this.clock = clock;
        this.ttl = ttl;
        this.current = new Current<>(null, initial, null);
    }

    public Current<T> current() {
        Current<T> c = current;
        Instant now = clock.instant();
        if (fresh(c, now)) return c;
        synchronized (this) {
            c = current;
            if (fresh(c, now)) return c;
            ServingState.Published p = published.get();
            T value = c.value();
            if (p != null && newer(p, c.state())) {
                try {
                    value = decode.apply(p.bytes());
                } catch (RuntimeException e) {
                    throw new IllegalStateException(what + " at seq " + p.seq() + " does not restore: " + e.getMessage(), e);
                }
            } else {
                p = c.state();
            }
            current = new Current<>(p, value, now);
            return current;
        }
    }

    private boolean fresh(Current<T> c, Instant now) {
        return c.checkedAt() != null && now.isBefore(c.checkedAt().plus(ttl));
    }

    /** Positions compare as (seq, afterIdle): an idle changes state without an entry, so it counts after it. */
    static boolean newer(ServingState.Published p, ServingState.Published than) {
        if (than == null) return true;
        if (p.seq() != than.seq()) return p.seq() > than.seq();
        return p.afterIdle() && !than.afterIdle();
    }
}
