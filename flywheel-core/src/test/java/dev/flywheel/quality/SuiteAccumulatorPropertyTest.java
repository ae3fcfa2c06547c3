package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.quality.internal.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Streaming equals batch: a suite with every supported expectation type, random kwargs and random
 * rows (mixed kinds, NaN and absent values, repeats, a column the rows lack) gives the same result
 * fed row by row into a {@link SuiteAccumulator} as {@link SuiteValidator} gives on the batch. Past
 * the distinct bound, uniqueness is a batch's result over the rows before the overflow and distinct
 * counts are estimates.
 */
class SuiteAccumulatorPropertyTest {
    private static final double TOLERANCE = 1e-12;

    @Property(tries = 300, seed = "20261201")
    void everyExpectationTypeGivesTheBatchResult(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ExpectationSuite suite = RandomSuites.everyType(r);
        assertEquals(new TreeSet<>(Expectation.supportedTypes()),
                new TreeSet<>(suite.expectations().stream().map(Expectation::type).toList()), "a new type needs a generator");
        List<Map<String, Object>> rows = RandomSuites.rows(r, r.nextInt(10) == 0 ? 0 : r.nextInt(1, 250));
        SuiteResult batch = SuiteValidator.validate(suite, new RowBatch(RandomSuites.COLUMNS, rows));
        SuiteAccumulator stream = feed(suite, rows, Math.max(1, rows.size()));
        SuiteResult streamed = stream.result();
        assertEquals(batch.success(), streamed.success());
        for (int i = 0; i < batch.results().size(); i++) {
            assertSameResult(batch.results().get(i), streamed.results().get(i));
            assertNull(stream.caveat(suite.expectations().get(i)), "exact below the bound");
        }
    }

    /** A first occurrence turns unexpected when its value recurs, after later rows were listed. */
    @Property(tries = 200, seed = "20261201")
    void uniquenessListsTheBatchsFirstUnexpectedRows(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ExpectationSuite suite = new ExpectationSuite("unique", List.of(
                new Expectation(0, "expect_column_values_to_be_unique", Map.of("column", "k"))), Map.of());
        List<Map<String, Object>> rows = RandomSuites.rows(r, r.nextInt(1, 400));
        ExpectationResult batch = SuiteValidator.validate(suite, new RowBatch(RandomSuites.COLUMNS, rows)).results().get(0);
        assertSameResult(batch, feed(suite, rows, rows.size()).result().results().get(0));
    }

    @Property(tries = 200, seed = "20261201")
    void pastTheBoundUniquenessJudgesThePrefixAndDistinctCountsAreEstimated(@ForAll long seed,
                                                                           @ForAll @IntRange(min = 1, max = 40) int bound) {
        SplittableRandom r = new SplittableRandom(seed);
        ExpectationSuite suite = new ExpectationSuite("bounded", List.of(
                new Expectation(0, "expect_column_values_to_be_unique", Map.of("column", "k")),
                new Expectation(1, "expect_column_unique_value_count_to_be_between", Map.of("column", "k", "min_value", 0)),
                new Expectation(2, "expect_column_proportion_of_unique_values_to_be_between", Map.of("column", "k", "min_value", 0))),
                Map.of());
        List<Map<String, Object>> rows = RandomSuites.rows(r, r.nextInt(1, 300));
        SuiteAccumulator stream = feed(suite, rows, bound);
        ExpectationResult unique = stream.result().results().get(0);
        int judged = (int) unique.elementCount();
        ExpectationResult prefixBatch = SuiteValidator.validate(suite, new RowBatch(RandomSuites.COLUMNS, rows.subList(0, judged)))
                .results().get(0);
        assertSameResult(prefixBatch, unique);
        Set<Object> prefixKeys = keys(rows.subList(0, judged));
        assertTrue(prefixKeys.size() <= bound);
        if (judged < rows.size()) {
            assertEquals(bound, prefixKeys.size(), "the set was full");
            assertTrue(!Values.missing(rows.get(judged).get("k")) && !prefixKeys.contains(Values.distinctKey(rows.get(judged).get("k"))),
                    "the row that ended the prefix brought a new value");
            assertNotNull(stream.caveat(suite.expectations().get(0)));
        } else {
            assertNull(stream.caveat(suite.expectations().get(0)));
        }
        long distinct = keys(rows).size();
        long count = (Long) stream.result().results().get(1).observedValue();
        if (distinct <= bound) {
            assertEquals(distinct, count);
            assertNull(stream.caveat(suite.expectations().get(1)));
        } else {
            // linear counting over 16,384 registers: a few hundred values collide in a register at most a few times
            assertTrue(Math.abs(count - distinct) <= 0.05 * distinct + 8, count + " estimates " + distinct);
            assertTrue(stream.caveat(suite.expectations().get(1)).contains("HyperLogLog"));
        }
    }

    static SuiteAccumulator feed(ExpectationSuite suite, List<Map<String, Object>> rows, int bound) {
        SuiteAccumulator a = new SuiteAccumulator(suite, RandomSuites.COLUMNS, bound);
        rows.forEach(a::add);
        return a;
    }

    private static Set<Object> keys(List<Map<String, Object>> rows) {
        Set<Object> keys = new HashSet<>();
        for (Map<String, Object> row : rows) {
            Object v = row.get("k");
            if (!Values.missing(v)) keys.add(Values.distinctKey(v));
        }
        return keys;
    }

    /** Every field but the unexpected rows' positions, which the stream keeps only for the partial list. */
    static void assertSameResult(ExpectationResult batch, ExpectationResult stream) {
        String what = batch.expectation() + " " + batch.expectation().kwargs();
        assertEquals(batch.success(), stream.success(), what);
        assertEquals(batch.elementCount(), stream.elementCount(), what);
        assertEquals(batch.missingCount(), stream.missingCount(), what);
        assertEquals(batch.unexpectedCount(), stream.unexpectedCount(), what);
        assertClose(batch.unexpectedPercent(), stream.unexpectedPercent(), what);
        assertEquals(batch.partialUnexpectedList(), stream.partialUnexpectedList(), what);
        List<Integer> rows = batch.unexpectedRows();
        assertEquals(rows.subList(0, Math.min(rows.size(), ExpectationResult.PARTIAL_LIST_SIZE)), stream.unexpectedRows(), what);
        assertClose(batch.observedValue(), stream.observedValue(), what);
        assertEquals(batch.problem(), stream.problem(), what);
    }

    private static void assertClose(Object batch, Object stream, String what) {
        if (batch instanceof Double b && stream instanceof Double s) {
            assertTrue(b.equals(s) || Math.abs(b - s) <= TOLERANCE, what + ": " + b + " vs " + s);
        } else {
            assertEquals(batch, stream, what);
        }
    }

    /** Suites and rows drawn at random, over the columns {@code n} (numbers), {@code s} (text), {@code t} (times), {@code k} (keys). */
    static final class RandomSuites {
        static final List<String> COLUMNS = List.of("n", "s", "t", "k");
        private static final List<String> READ = List.of("n", "s", "t", "k", "n", "s", "k", "absent");
        private static final List<Object> NUMBERS = List.of(0, 1, 1.0, 2, 2.5, -3, 7L, 1e6, 0.1, -0.0, 3.0f,
                Double.POSITIVE_INFINITY, Long.MAX_VALUE, new java.math.BigDecimal("2.50"));
        private static final List<Object> TEXT = List.of("a", "b", "ab", "B", "u1", "u12", "", "1", "x9");
        private static final List<Object> OTHER = List.of(true, false, java.time.LocalDate.of(2026, 3, 1),
                java.time.OffsetDateTime.parse("2026-05-04T10:00:00Z"), java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"));
        private static final List<String> TYPES = List.of("int", "float", "str", "bool", "datetime", "date");
        private static final List<String> REGEXES = List.of("^u[0-9]+$", "a", "^$", "1", "(?P<x>b)\\d?");

        static List<Map<String, Object>> rows(SplittableRandom r, int n) {
            int keyRange = r.nextInt(1, 2 * n + 2);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Map<String, Object> row = new HashMap<>();
                put(r, row, "n", pick(r, r.nextInt(8) == 0 ? TEXT : NUMBERS));
                put(r, row, "s", pick(r, r.nextInt(8) == 0 ? OTHER : TEXT));
                put(r, row, "t", pick(r, r.nextInt(8) == 0 ? NUMBERS : OTHER));
                put(r, row, "k", r.nextInt(5) == 0 ? (Object) r.nextInt(keyRange) : "k" + r.nextInt(keyRange));
                rows.add(row);
            }
            return rows;
        }

        /** Missing one time in six: absent, null, or NaN. */
        private static void put(SplittableRandom r, Map<String, Object> row, String column, Object value) {
            switch (r.nextInt(18)) {
                case 0 -> { }
                case 1 -> row.put(column, null);
                case 2 -> row.put(column, Double.NaN);
                default -> row.put(column, value);
            }
        }

        static ExpectationSuite everyType(SplittableRandom r) {
            List<Expectation> es = new ArrayList<>();
            for (String type : Expectation.supportedTypes()) {
                es.add(new Expectation(es.size(), type, kwargs(r, type)));
            }
            java.util.Collections.shuffle(es, new java.util.Random(r.nextLong()));
            return new ExpectationSuite("random", es, Map.of());
        }

        private static Map<String, Object> kwargs(SplittableRandom r, String type) {
            Map<String, Object> kw = new HashMap<>();
            if (!type.equals("expect_table_row_count_to_be_between")) kw.put("column", pick(r, READ));
            switch (type) {
                case "expect_column_values_to_be_between" -> bounds(r, kw, r.nextBoolean() ? () -> r.nextInt(-5, 10) + r.nextInt(3) * 0.5
                        : () -> pick(r, List.of("2026-01-01", "2026-05-04T10:00:00", "2026-03-01T00:00:00+01:00")));
                case "expect_column_values_to_be_in_set", "expect_column_values_to_not_be_in_set" -> {
                    List<Object> set = new ArrayList<>();
                    for (int i = r.nextInt(1, 6); i > 0; i--) set.add(pick(r, r.nextBoolean() ? NUMBERS : TEXT));
                    kw.put("value_set", set);
                }
                case "expect_column_values_to_match_regex" -> kw.put("regex", pick(r, REGEXES));
                case "expect_column_values_to_be_of_type" -> kw.put("type_", pick(r, TYPES));
                case "expect_column_values_to_be_in_type_list" -> kw.put("type_list", List.of(pick(r, TYPES), pick(r, TYPES)));
                case "expect_table_row_count_to_be_between", "expect_column_unique_value_count_to_be_between" ->
                        bounds(r, kw, () -> r.nextInt(0, 120));
                case "expect_column_proportion_of_unique_values_to_be_between" -> bounds(r, kw, r::nextDouble);
                case "expect_column_mean_to_be_between" -> bounds(r, kw, () -> r.nextDouble(-3, 8));
                default -> { }
            }
            boolean map = !type.contains("_table_") && !type.contains("to_exist") && !type.contains("proportion")
                    && !type.contains("value_count") && !type.contains("mean");
            if (map && r.nextBoolean()) kw.put("mostly", r.nextInt(3) == 0 ? r.nextDouble() : pick(r, List.of(0.0, 0.5, 0.9, 1.0)));
            return kw;
        }

        /** One bound or both (in order), each strict or not. */
        private static void bounds(SplittableRandom r, Map<String, Object> kw, java.util.function.Supplier<Object> draw) {
            Object a = draw.get();
            Object b = draw.get();
            if (Values.compare(a, b) > 0) {
                Object t = a;
                a = b;
                b = t;
            }
            int sides = r.nextInt(3);
            if (sides != 1) kw.put("min_value", a);
            if (sides != 0) kw.put("max_value", b);
            if (r.nextBoolean()) kw.put("strict_min", r.nextBoolean());
            if (r.nextBoolean()) kw.put("strict_max", r.nextBoolean());
        }

        private static <T> T pick(SplittableRandom r, List<T> from) {
            return from.get(r.nextInt(from.size()));
        }
    }
}
