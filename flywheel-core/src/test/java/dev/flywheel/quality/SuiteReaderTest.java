package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GX 0.x, GX 1.x and flat (YAML) spellings of one suite load to the same expectations. */
class SuiteReaderTest {
    private static final Map<String, Object> BETWEEN = Map.of("column", "value", "min_value", 0, "max_value", 100, "mostly", 0.95);

    @Test
    void theThreeLayoutsLoadToTheSameSuite() {
        ExpectationSuite old = SuiteReader.read(Map.of("expectation_suite_name", "s", "meta", Map.of("v", "0.18"),
                "expectations", List.of(Map.of("expectation_type", "expect_column_values_to_be_between", "kwargs", BETWEEN,
                        "meta", Map.of()))));
        ExpectationSuite current = SuiteReader.read(Map.of("name", "s", "id", "abc", "expectations", List.of(Map.of(
                "type", "expect_column_values_to_be_between", "kwargs", BETWEEN, "meta", Map.of(), "id", "e1"))));
        Map<String, Object> flat = new java.util.HashMap<>(BETWEEN);
        flat.put("type", "expect_column_values_to_be_between");
        flat.put("id", "e1");
        ExpectationSuite yaml = SuiteReader.read(Map.of("name", "s", "expectations", List.of(flat)));
        assertEquals(old.expectations(), current.expectations());
        assertEquals(old.expectations(), yaml.expectations());
        assertEquals("s", yaml.name());
        assertEquals(0.95, current.expectations().get(0).mostly());
        assertEquals("value", current.expectations().get(0).column());
    }

    @Test
    void malformedSuitesAreRefusedWithTheKey() {
        assertEquals("name", assertThrows(ConfigException.class,
                () -> SuiteReader.read(Map.of("expectations", List.of()))).key());
        assertEquals("expectations", assertThrows(ConfigException.class,
                () -> SuiteReader.read(Map.of("name", "s"))).key());
        assertEquals("expectations[0]", assertThrows(ConfigException.class,
                () -> SuiteReader.read(Map.of("name", "s", "expectations", List.of(Map.of("kwargs", Map.of()))))).key());
        assertEquals("expectations[0].column", assertThrows(ConfigException.class,
                () -> SuiteReader.read(Map.of("name", "s", "expectations", List.of(Map.of("type", "expect_column_to_exist",
                        "column", "a", "kwargs", Map.of("column", "b")))))).key());
    }
}
