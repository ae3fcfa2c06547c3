package dev.flywheel.quality;

import dev.flywheel.stats.DriftTests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A drift monitor over one stream of values (a feedback rate's inputs, a feature, an event field):
 * values fall into tumbling windows of {@code window}; the first complete window is the reference,
 * and each later window, when it closes, is compared with it by Evidently's defaults
 * ({@link DriftTests}): with a reference of at most {@link #SMALL} values Kolmogorov–Smirnov for
 * numbers and chi-square for categories (drift when p &lt; 0.05), above it normalised Wasserstein
 * and Jensen–Shannon (drift when &gt; 0.1).
 *
 * <p>Memory is bounded: a window keeps at most {@code capacity} numbers, a uniform reservoir sample
 * beyond that (seeded, so a replay of the same values gives the same verdicts), and categories as
 * exact counts (bounded by the number of categories). A window whose values fit is judged on exactly
 * the values a batch computation over the same window would see.
 *
 * <p>Values must arrive in time order (the log runner's order); a value older than the open window
 * is counted in it, not in a closed one. One thread: the log runner.
 */
public final class DriftMonitor {
    /** Evidently's boundary between small and large references. */
    public static final int SMALL = 1_000;
    private final String name;
    private final Duration window;
    private final int capacity;
    private final long seed;
    private Window reference;
    private Window open;

    /** A window's verdict against the reference. */
    public record Verdict(String monitor, Instant windowStart, Instant windowEnd, DriftTests.Result result) { }

    public DriftMonitor(String name, Duration window, int capacity, long seed) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is required");
        if (window == null || window.isZero() || window.isNegative()) throw new IllegalArgumentException("window must be positive");
        if (capacity < 2) throw new IllegalArgumentException("capacity must be >= 2");
        this.name = name;
        this.window = window;
        this.capacity = capacity;
        this.seed = seed;
    }

    /** Counts a number at {@code at}; returns the verdicts of the windows that closed before it. */
    public List<Verdict> observe(Instant at, double value) {
        List<Verdict> out = advance(at);
        open.add(value);
        return out;
    }

    /** Counts a category at {@code at}; returns the verdicts of the windows that closed before it. */
    public List<Verdict> observe(Instant at, String category) {
        List<Verdict> out = advance(at);
        open.add(category);
        return out;
    }

    /** Closes every window that ended by {@code at} (event time passing without values). */
    public List<Verdict> advance(Instant at) {
        List<Verdict> out = new ArrayList<>();
        if (open == null) open = new Window(at, at.plus(window), capacity, seed);
        while (!at.isBefore(open.end)) {
            Window closed = open;
            open = new Window(closed.end, closed.end.plus(window), capacity, seed + closed.end.toEpochMilli());
            if (reference == null) {
                if (closed.size() >= 2) reference = closed;
            } else if (closed.size() > 0) {
                out.add(new Verdict(name, closed.start, closed.end, compare(reference, closed)));
            }
        }
        return out;
    }

    /** The reference's and a window's values compared as a batch would compare them. */
    static DriftTests.Result compare(Window reference, Window current) {
        if (!reference.counts.isEmpty() || !current.counts.isEmpty()) {
            return reference.size() <= SMALL ? DriftTests.chiSquare(reference.counts, current.counts, 0.05)
                    : DriftTests.jensenShannon(reference.counts, current.counts, 0.1);
        }
        double[] r = reference.numbers();
        double[] c = current.numbers();
        return r.length <= SMALL ? DriftTests.kolmogorovSmirnov(r, c, 0.05) : DriftTests.wasserstein(r, c, 0.1);
    }

    /** One tumbling window: a reservoir of numbers or the counts of categories. */
    static final class Window {
        final Instant start;
        final Instant end;
        private final double[] reservoir;
        private final SplittableRandom random;
        private long seen;
        final Map<String, Long> counts = new HashMap<>();

        Window(Instant start, Instant end, int capacity, long seed) {
            this.start = start;
            this.end = end;
            this.reservoir = new double[capacity];
            this.random = new SplittableRandom(seed);
        }

        void add(double v) {
            if (!Double.isFinite(v)) return;
            if (seen < reservoir.length) {
                reservoir[(int) seen] = v;
            } else {
                long j = random.nextLong(seen + 1); // Algorithm R: every value kept with equal probability
                if (j < reservoir.length) reservoir[(int) j] = v;
            }
            seen++;
        }

        void add(String category) {
            if (category == null) return;
            counts.merge(category, 1L, Long::sum);
            seen++;
        }

        long size() {
            return seen;
        }

        double[] numbers() {
            return java.util.Arrays.copyOf(reservoir, (int) Math.min(seen, reservoir.length));
        }
    }
}
