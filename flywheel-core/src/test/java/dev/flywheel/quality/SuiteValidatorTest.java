package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.ConfigException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GX's semantics on small hand-made columns: mostly, nulls, bounds, regex, types, uniqueness, refusals. */
class SuiteValidatorTest {

    /** One column named {@code x} with these values (null = missing). */
    private static RowBatch column(Object... values) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object v : values) {
            Map<String, Object> row = new HashMap<>();
            row.put("x", v);
            rows.add(row);
        }
        return new RowBatch(List.of("x"), rows);
    }

    private static ExpectationResult run(RowBatch batch, String type, Object... kwargs) {
        Map<String, Object> kw = new HashMap<>();
        kw.put("column", "x");
        for (int i = 0; i < kwargs.length; i += 2) kw.put((String) kwargs[i], kwargs[i + 1]);
        ExpectationSuite suite = new ExpectationSuite("t", List.of(new Expectation(0, type, kw)), Map.of());
        return SuiteValidator.validate(suite, batch).results().get(0);
    }

    @Test
    void mostlyIsTheShareOfNonNullValuesThatPassInclusive() {
        // 10 values, 1 above the range: 9/10 pass
        RowBatch b = column(1, 2, 3, 4, 5, 6, 7, 8, 9, 99);
        assertTrue(run(b, "expect_column_values_to_be_between", "max_value", 10, "mostly", 0.9).success());
        assertFalse(run(b, "expect_column_values_to_be_between", "max_value", 10, "mostly", 0.91).success());
        assertFalse(run(b, "expect_column_values_to_be_between", "max_value", 10).success());
        assertTrue(run(b, "expect_column_values_to_be_between", "max_value", 10, "mostly", 0).success());
    }

    @Test
    void nullsAreNotCountedExceptByTheNullExpectations() {
        RowBatch b = column(1, null, Double.NaN, 50, null);
        ExpectationResult between = run(b, "expect_column_values_to_be_between", "min_value", 0, "max_value", 10);
        assertEquals(5, between.elementCount());
        assertEquals(3, between.missingCount());
        assertEquals(1, between.unexpectedCount());
        assertEquals(50.0, between.unexpectedPercent()); // 1 of the 2 non-null values
        assertEquals(List.of(50), between.partialUnexpectedList());
        assertEquals(List.of(3), between.unexpectedRows());

        ExpectationResult notNull = run(b, "expect_column_values_to_not_be_null", "mostly", 0.4);
        assertEquals(3, notNull.unexpectedCount());
        assertEquals(60.0, notNull.unexpectedPercent()); // over every row
        assertTrue(notNull.success()); // 2/5 = 0.4 >= 0.4
        assertEquals(Arrays.asList(null, null, null), notNull.partialUnexpectedList());
        ExpectationResult isNull = run(b, "expect_column_values_to_be_null");
        assertEquals(2, isNull.unexpectedCount());
        assertEquals(List.of(0, 3), isNull.unexpectedRows());
    }

    @Test
    void aColumnOfOnlyNullsSucceedsVacuouslyWithNoPercent() {
        ExpectationResult r = run(column(null, null), "expect_column_values_to_be_in_set", "value_set", List.of("a"));
        assertTrue(r.success());
        assertNull(r.unexpectedPercent());
    }

    @Test
    void strictBoundsExcludeTheBoundItself() {
        RowBatch b = column(0, 0.5, 1);
        assertEquals(0, run(b, "expect_column_values_to_be_between", "min_value", 0, "max_value", 1).unexpectedCount());
        assertEquals(List.of(0), run(b, "expect_column_values_to_be_between", "min_value", 0, "max_value", 1,
                "strict_min", true).partialUnexpectedList());
        assertEquals(List.of(1), run(b, "expect_column_values_to_be_between", "min_value", 0, "max_value", 1,
                "strict_max", true).partialUnexpectedList());
        // dates and times against ISO text bounds; local times are UTC
        RowBatch times = column(LocalDate.of(2025, 12, 31), LocalDateTime.of(2026, 1, 1, 0, 0),
                java.time.Instant.parse("2026-01-01T00:30:00Z"), java.time.OffsetDateTime.parse("2026-01-01T02:00:00+01:00"));
        assertEquals(List.of(LocalDate.of(2025, 12, 31)), run(times, "expect_column_values_to_be_between",
                "min_value", "2026-01-01", "max_value", "2026-01-01T01:00:00Z").partialUnexpectedList());
        // text cannot be compared with a number bound: unexpected, not an error
        assertEquals(1, run(column(5, "five"), "expect_column_values_to_be_between", "min_value", 0).unexpectedCount());
    }

    @Test
    void setsCompareNumbersByValue() {
        assertEquals(0, run(column(1L, 2.0), "expect_column_values_to_be_in_set", "value_set", List.of(1.0, 2)).unexpectedCount());
        assertEquals(List.of("c"), run(column("a", "c"), "expect_column_values_to_not_be_in_set", "value_set",
                List.of("c")).partialUnexpectedList());
        // text is the same only as equal text: not as a number or a flag that prints alike
        assertEquals(List.of("1", "true", 2), run(column("a", "1", "true", 1, 2, true), "expect_column_values_to_be_in_set",
                "value_set", List.of("a", 1, true)).partialUnexpectedList());
    }

    @Test
    void regexSearchesTheValueTextLikePandas() {
        RowBatch b = column("ab-12", "12", "x", 12L);
        assertEquals(List.of("x"), run(b, "expect_column_values_to_match_regex", "regex", "\\d+").partialUnexpectedList());
        assertEquals(List.of("ab-12", "x"), run(b, "expect_column_values_to_match_regex", "regex", "^\\d+$").partialUnexpectedList());
        // Python's named groups are accepted
        assertEquals(0, run(column("aa"), "expect_column_values_to_match_regex", "regex", "(?P<c>a)(?P=c)").unexpectedCount());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> run(b, "expect_column_values_to_match_regex", "regex", "(unclosed"));
        assertEquals("expectations[0].kwargs.regex", bad.key());
    }

    @Test
    void typeNamesMapToValueKinds() {
        RowBatch b = column(1L, 2, 1.5, "s", true, LocalDate.of(2026, 1, 1), LocalDateTime.of(2026, 1, 1, 0, 0));
        assertEquals(List.of(1.5, "s", true, LocalDate.of(2026, 1, 1), LocalDateTime.of(2026, 1, 1, 0, 0)),
                run(b, "expect_column_values_to_be_of_type", "type_", "int").partialUnexpectedList());
        assertEquals(6, run(b, "expect_column_values_to_be_of_type", "type_", "FLOAT").unexpectedCount());
        assertEquals(6, run(b, "expect_column_values_to_be_of_type", "type_", "float64").unexpectedCount());
        assertEquals(6, run(b, "expect_column_values_to_be_of_type", "type_", "STRING").unexpectedCount());
        assertEquals(6, run(b, "expect_column_values_to_be_of_type", "type_", "str").unexpectedCount());
        assertEquals(6, run(b, "expect_column_values_to_be_of_type", "type_", "bool").unexpectedCount());
        assertEquals(6, run(b, "expect_column_values_to_be_of_type", "type_", "DATE").unexpectedCount());
        assertEquals(6, run(b, "expect_column_values_to_be_of_type", "type_", "datetime64[ns]").unexpectedCount());
        assertEquals(4, run(b, "expect_column_values_to_be_in_type_list", "type_list", List.of("INTEGER", "FLOAT"))
                .unexpectedCount());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> run(b, "expect_column_values_to_be_of_type", "type_", "complex128"));
        assertEquals("expectations[0].kwargs.type_", unknown.key());
        assertTrue(unknown.getMessage().contains("'complex128'"), unknown.getMessage());
    }

    @Test
    void uniquenessMarksEveryOccurrenceOfARepeatedValue() {
        ExpectationResult r = run(column("a", "b", "a", null, null, 1, 1.0), "expect_column_values_to_be_unique");
        assertEquals(List.of(0, 2, 5, 6), r.unexpectedRows());
        assertEquals(80.0, r.unexpectedPercent());
    }

    @Test
    void aggregatesObserveOneStatistic() {
        RowBatch b = column(1, 2, 2, null, 7);
        assertEquals(3.0, run(b, "expect_column_mean_to_be_between", "min_value", 3, "max_value", 3).observedValue());
        assertFalse(run(b, "expect_column_mean_to_be_between", "min_value", 3, "strict_min", true).success());
        assertEquals(3L, run(b, "expect_column_unique_value_count_to_be_between", "min_value", 3).observedValue());
        assertEquals(0.75, run(b, "expect_column_proportion_of_unique_values_to_be_between", "max_value", 0.75).observedValue());
        ExpectationResult text = run(column(1, "two"), "expect_column_mean_to_be_between", "min_value", 0);
        assertFalse(text.success());
        assertTrue(text.problem().contains("'two'"), text.problem());
        Expectation rows = new Expectation(0, "expect_table_row_count_to_be_between", Map.of("min_value", 6));
        ExpectationResult count = SuiteValidator.validate(new ExpectationSuite("t", List.of(rows), Map.of()), b).results().get(0);
        assertEquals(5L, count.observedValue());
        assertFalse(count.success());
    }

    @Test
    void aMissingColumnFailsTheExpectationWithTheReason() {
        RowBatch b = column(1);
        ExpectationResult r = SuiteValidator.validate(new ExpectationSuite("t", List.of(
                new Expectation(0, "expect_column_values_to_not_be_null", Map.of("column", "y")),
                new Expectation(1, "expect_column_to_exist", Map.of("column", "y"))), Map.of()), b).results().get(0);
        assertFalse(r.success());
        assertTrue(r.problem().contains("column 'y' not found"), r.problem());
    }

    @Test
    void unsupportedTypesAndUnfitKwargsAreRefusedByName() {
        ConfigException type = assertThrows(ConfigException.class,
                () -> new Expectation(4, "expect_column_kl_divergence_to_be_less_than", Map.of("column", "x")));
        assertTrue(type.getMessage().startsWith("expectations[4] (expect_column_kl_divergence_to_be_less_than): "
                + "unsupported expectation type 'expect_column_kl_divergence_to_be_less_than'"), type.getMessage());
        assertEquals("expectations[2].kwargs.row_condition", assertThrows(ConfigException.class, () -> new Expectation(2,
                "expect_column_values_to_not_be_null", Map.of("column", "x", "row_condition", "y>1"))).key());
        assertEquals("expectations[0].kwargs.mostly", assertThrows(ConfigException.class, () -> new Expectation(0,
                "expect_column_values_to_not_be_null", Map.of("column", "x", "mostly", 1.5))).key());
        assertEquals("expectations[0].kwargs.mostly", assertThrows(ConfigException.class, () -> new Expectation(0,
                "expect_column_mean_to_be_between", Map.of("column", "x", "min_value", 1, "mostly", 0.5))).key());
        assertEquals("expectations[0].kwargs.column", assertThrows(ConfigException.class, () -> new Expectation(0,
                "expect_column_values_to_be_in_set", Map.of("value_set", List.of()))).key());
        assertTrue(assertThrows(ConfigException.class, () -> new Expectation(0, "expect_column_values_to_be_between",
                Map.of("column", "x"))).getMessage().contains("needs min_value, max_value or both"));
    }

    @Test
    void aRowNamesTheRowLevelExpectationsItBreaks() {
        ExpectationSuite suite = new ExpectationSuite("events", List.of(
                new Expectation(0, "expect_column_values_to_not_be_null", Map.of("column", "user")),
                new Expectation(1, "expect_column_values_to_be_between", Map.of("column", "value", "min_value", 0, "mostly", 0.5)),
                new Expectation(2, "expect_column_values_to_be_unique", Map.of("column", "id")),
                new Expectation(3, "expect_column_values_to_be_in_set", Map.of("column", "type", "value_set", List.of("click")))),
                Map.of());
        Map<String, Object> row = new HashMap<>();
        row.put("id", "e1");
        row.put("value", -3);
        row.put("type", null);
        List<RowViolation> v = suite.rowViolations(row);
        assertEquals(2, v.size());
        assertEquals("expectations[0] expect_column_values_to_not_be_null(user): value missing", v.get(0).reason());
        assertEquals("expectations[1] expect_column_values_to_be_between(value): value '-3'", v.get(1).reason());
        assertEquals(List.of(), suite.rowViolations(Map.of("user", "u", "value", 2, "type", "click", "id", "e1")));
    }
}
