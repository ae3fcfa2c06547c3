package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cases random rows rarely reach: a late first occurrence at the sample's edge, and large windows past the bound. */
class SuiteAccumulatorTest {
    private static final List<String> COLUMNS = List.of("k");

    private static ExpectationSuite suite(String type, Object... kwargs) {
        Map<String, Object> kw = new java.util.HashMap<>(Map.of("column", "k"));
        for (int i = 0; i < kwargs.length; i += 2) kw.put((String) kwargs[i], kwargs[i + 1]);
        return new ExpectationSuite("s", List.of(new Expectation(0, type, kw)), Map.of());
    }

    private static SuiteAccumulator feed(ExpectationSuite suite, int bound, Object... values) {
        SuiteAccumulator a = new SuiteAccumulator(suite, COLUMNS, bound);
        for (Object v : values) a.add(Collections.singletonMap("k", v));
        return a;
    }

    /**
     * Nineteen unexpected rows are listed when {@code b} first comes (row 19); {@code a} again fills
     * the 20th place (row 20) before {@code b} recurs and row 19 takes that place back.
     */
    @Test
    void aFirstOccurrenceThatRecursLaterTakesItsPlaceInThePartialList() {
        List<Object> values = new ArrayList<>(Collections.nCopies(19, "a"));
        values.addAll(List.of("b", "a", "b"));
        ExpectationSuite unique = suite("expect_column_values_to_be_unique");
        ExpectationResult r = feed(unique, 100, values.toArray()).result().results().get(0);
        List<Integer> first20 = java.util.stream.IntStream.range(0, 20).boxed().toList();
        assertEquals(first20, r.unexpectedRows());
        assertEquals("b", r.partialUnexpectedList().get(19));
        assertEquals(22, r.unexpectedCount());
        SuiteAccumulatorPropertyTest.assertSameResult(SuiteValidator.validate(unique, new RowBatch(COLUMNS,
                values.stream().map(v -> Collections.singletonMap("k", v)).toList())).results().get(0), r);
    }

    /** HyperLogLog's standard error is 0.81 %; three of them bound these fixed inputs. Repeats do not count. */
    @Test
    void distinctCountsPastTheBoundAreEstimatedWithinTheSketchError() {
        for (int n : new int[] {5_000, 60_000, 400_000}) {
            SuiteAccumulator a = new SuiteAccumulator(suite("expect_column_unique_value_count_to_be_between", "min_value", 0),
                    COLUMNS, 1_000);
            for (int repeat = 0; repeat < 2; repeat++) {
                for (int i = 0; i < n; i++) a.add(Collections.singletonMap("k", "e-" + n + "-" + i));
            }
            long estimate = (Long) a.result().results().get(0).observedValue();
            assertTrue(Math.abs(estimate - n) <= 0.0243 * n, estimate + " estimates " + n);
            String caveat = a.caveat(a.result().results().get(0).expectation());
            assertTrue(caveat.contains("HyperLogLog") && caveat.contains("0.8 %") && caveat.contains("1000"), caveat);
        }
    }

    @Test
    void uniquenessPastTheBoundIsJudgedOnTheRowsBeforeAndSaysSo() {
        ExpectationSuite unique = suite("expect_column_values_to_be_unique");
        SuiteAccumulator a = feed(unique, 3, "x", "y", "x", null, "z", "w", "x", "v");
        ExpectationResult r = a.result().results().get(0);
        assertEquals(5, r.elementCount()); // w is a fourth value: the set holds three
        assertEquals(2, r.unexpectedCount());
        assertEquals(List.of(0, 2), r.unexpectedRows());
        assertEquals("uniqueness judged on the first 5 of 8 rows (an exact set of at most 3 distinct values)",
                a.caveat(unique.expectations().get(0)));
        assertEquals(8, a.rows());
    }

    @Test
    void countsAndMeansCoverEveryRowWhateverTheBound() {
        ExpectationSuite mean = suite("expect_column_mean_to_be_between", "max_value", 10);
        SuiteAccumulator a = feed(mean, 1, 1, 2, 3, 4, null, 100);
        assertEquals(22.0, a.result().results().get(0).observedValue());
        assertNull(a.caveat(mean.expectations().get(0)));
        assertThrows(IllegalArgumentException.class, () -> new SuiteAccumulator(mean, COLUMNS, 0));
    }
}
