package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.quality.SuiteAccumulatorPropertyTest.RandomSuites;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A window's accumulator checkpointed anywhere in its rows: rows of every kind a batch may hold (ints,
 * longs, floats, decimals, booleans, dates, times, text, NaN), every expectation type, bounds small
 * enough to overflow. Restored, it writes the bytes it was read from, and fed the rest of the rows it
 * ends with the straight accumulator's bytes and result.
 */
class SuiteAccumulatorStatePropertyTest {
    @Property(tries = 150, seed = "20261211")
    void aRestoredAccumulatorEndsAsAStraightOne(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int bound) {
        SplittableRandom r = new SplittableRandom(seed);
        ExpectationSuite suite = RandomSuites.everyType(r);
        List<Map<String, Object>> rows = RandomSuites.rows(r, r.nextInt(0, 250));
        int cut = r.nextInt(rows.size() + 1);
        SuiteAccumulator straight = SuiteAccumulatorPropertyTest.feed(suite, rows, bound);
        SuiteAccumulator before = SuiteAccumulatorPropertyTest.feed(suite, rows.subList(0, cut), bound);
        byte[] atCut = bytes(before);
        SuiteAccumulator resumed = new SuiteAccumulator(suite, RandomSuites.COLUMNS, bound);
        StateReader in = new StateReader(atCut);
        resumed.readState(in);
        assertEquals(true, in.atEnd(), "bytes left over");
        assertArrayEquals(atCut, bytes(resumed), "a restored accumulator writes the bytes it was read from");
        rows.subList(cut, rows.size()).forEach(resumed::add);
        assertArrayEquals(bytes(straight), bytes(resumed), "resumed at row " + cut + " of " + rows.size());
        assertEquals(straight.result(), resumed.result());
        for (Expectation e : suite.expectations()) assertEquals(straight.caveat(e), resumed.caveat(e));
    }

    private static byte[] bytes(SuiteAccumulator a) {
        StateWriter out = new StateWriter();
        a.writeState(out);
        return out.toByteArray();
    }
}
