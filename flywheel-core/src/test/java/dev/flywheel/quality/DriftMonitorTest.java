package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.stats.DriftTests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {
    static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    /**
     * Streaming and batch agree: every verdict the monitor gives equals the batch statistic over the
     * same windows' values, recomputed here from the raw stream.
     */
    @Property(tries = 60, seed = "20261201")
    void streamingAndBatchGiveTheSameStatistic(@ForAll @IntRange(min = 50, max = 3_000) int n, @ForAll long seed,
                                                @ForAll boolean categories) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Instant> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Instant t = T;
        for (int i = 0; i < n; i++) {
            t = t.plusSeconds(r.nextInt(20));
            times.add(t);
            values.add(Math.floor(r.nextGaussian() * 3 + (t.isAfter(T.plus(HOUR.multipliedBy(2))) ? 1 : 0)));
        }
        DriftMonitor m = new DriftMonitor("x", HOUR, 10_000, 1);
        List<DriftMonitor.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            verdicts.addAll(categories ? m.observe(times.get(i), "c" + values.get(i).intValue()) : m.observe(times.get(i), values.get(i)));
        }
        verdicts.addAll(m.advance(t.plus(HOUR.multipliedBy(2))));
        Instant refStart = times.get(0);
        List<Double> reference = slice(times, values, refStart, refStart.plus(HOUR));
        for (DriftMonitor.Verdict v : verdicts) {
            List<Double> current = slice(times, values, v.windowStart(), v.windowEnd());
            DriftTests.Result batch = categories ? batchCategories(reference, current) : batchNumbers(reference, current);
            assertEquals(batch.statistic(), v.result().statistic(), 0.0, "window " + v.windowStart());
            assertEquals(batch.drifted(), v.result().drifted());
        }
    }

    @Test
    void aShiftIsAlertedInItsWindowAndNothingBefore() {
        SplittableRandom r = new SplittableRandom(5);
        DriftMonitor m = new DriftMonitor("dwell", HOUR, 500, 1);
        List<DriftMonitor.Verdict> verdicts = new ArrayList<>();
        for (int minute = 0; minute < 10 * 60; minute++) {
            Instant at = T.plus(Duration.ofMinutes(minute));
            double shift = minute >= 6 * 60 ? 1.0 : 0; // from hour 6 on, the mean moves by one standard deviation
            for (int k = 0; k < 5; k++) verdicts.addAll(m.observe(at.plusSeconds(k), r.nextGaussian() + shift));
        }
        verdicts.addAll(m.advance(T.plus(Duration.ofHours(11))));
        assertEquals(9, verdicts.size(), "hours 1-9 against hour 0");
        for (DriftMonitor.Verdict v : verdicts) {
            boolean after = !v.windowStart().isBefore(T.plus(Duration.ofHours(6)));
            assertEquals(after, v.result().drifted(), "hour starting " + v.windowStart() + ": " + v.result());
        }
    }

    @Test
    void aWindowKeepsAtMostItsCapacity() {
        DriftMonitor.Window w = new DriftMonitor.Window(T, T.plus(HOUR), 100, 3);
        for (int i = 0; i < 10_000; i++) w.add(i);
        assertEquals(100, w.numbers().length);
        assertEquals(10_000, w.size());
        double mean = java.util.Arrays.stream(w.numbers()).average().orElseThrow();
        assertTrue(Math.abs(mean - 5_000) < 1_000, "a uniform sample of 0..9999: mean " + mean);
        assertFalse(java.util.Arrays.stream(w.numbers()).allMatch(x -> x < 100), "not just the first values");
    }

    private static List<Double> slice(List<Instant> times, List<Double> values, Instant from, Instant to) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            if (!times.get(i).isBefore(from) && times.get(i).isBefore(to)) out.add(values.get(i));
        }
        return out;
    }

    private static DriftTests.Result batchNumbers(List<Double> reference, List<Double> current) {
        double[] r = reference.stream().mapToDouble(Double::doubleValue).toArray();
        double[] c = current.stream().mapToDouble(Double::doubleValue).toArray();
        return r.length <= DriftMonitor.SMALL ? DriftTests.kolmogorovSmirnov(r, c, 0.05) : DriftTests.wasserstein(r, c, 0.1);
    }

    private static DriftTests.Result batchCategories(List<Double> reference, List<Double> current) {
        Map<String, Long> r = new HashMap<>();
        Map<String, Long> c = new HashMap<>();
        reference.forEach(v -> r.merge("c" + v.intValue(), 1L, Long::sum));
        current.forEach(v -> c.merge("c" + v.intValue(), 1L, Long::sum));
        return reference.size() <= DriftMonitor.SMALL ? DriftTests.chiSquare(r, c, 0.05) : DriftTests.jensenShannon(r, c, 0.1);
    }
}
