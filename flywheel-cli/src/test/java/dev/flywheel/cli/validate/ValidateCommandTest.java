package dev.flywheel.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.cli.CommandRun;
import dev.flywheel.quality.ExpectationSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flywheel validate}'s exit codes, its JSON-lines input and its messages for unusable suites and files. */
class ValidateCommandTest {
    @TempDir
    Path dir;

    private static final String EVENTS = """
            {"id": "e1", "type": "click", "user": "u1", "value": 1.5}
            {"id": "e2", "type": "like", "user": "u2", "value": 3}
            {"id": "e3", "type": "click", "user": "u1"}
            """;

    @Test
    void jsonLinesThatMeetTheSuiteExitZero() throws IOException {
        Path suite = Files.writeString(dir.resolve("events.yaml"), """
                name: events
                expectations:
                  - type: expect_column_values_to_be_unique
                    column: id
                  - type: expect_column_values_to_be_in_set
                    column: type
                    value_set: [click, like]
                  - type: expect_column_values_to_be_between
                    column: value
                    min_value: 0
                  - type: expect_column_values_to_not_be_null
                    column: value
                    mostly: 0.6
                """);
        Path events = Files.writeString(dir.resolve("events.jsonl"), EVENTS);
        CommandRun run = Validation.run("--suite", suite.toString(), "--jsonl", events.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode root = run.json();
        assertTrue(root.get("success").asBoolean());
        assertEquals(100.0, root.at("/statistics/success_percent").asDouble());
        JsonNode notNull = root.at("/results/3");
        assertEquals(1, notNull.get("unexpected_count").asInt());
        assertEquals(100.0 / 3, notNull.get("unexpected_percent").asDouble(), 1e-12);
        JsonNode between = root.at("/results/2");
        assertEquals(1, between.get("missing_count").asInt());
        assertEquals(0.0, between.get("unexpected_percent").asDouble());
    }

    @Test
    void nestedJsonIsNotTextAndDatesCompareWithIsoBounds() throws IOException {
        Path suite = Files.writeString(dir.resolve("nested.yaml"), """
                name: nested
                expectations:
                  - {type: expect_column_values_to_be_of_type, column: props, type_: str}
                  - {type: expect_column_values_to_be_between, column: ts, min_value: "2026-01-01T10:30:00Z"}
                """);
        Path events = Files.writeString(dir.resolve("nested.jsonl"), """
                {"id": "a", "ts": "2026-01-01T10:00:00Z", "props": {"k": 1}}
                {"id": "b", "ts": "2026-01-01T11:00:00Z", "props": {"k": 2}}
                """);
        CommandRun run = Validation.run("--suite", suite.toString(), "--jsonl", events.toString(), "--json");
        assertEquals(1, run.exit(), run.err());
        JsonNode root = run.json();
        assertEquals(2, root.at("/results/0/unexpected_count").asInt());
        assertEquals(1, root.at("/results/0/partial_unexpected_list/0/k").asInt());
        assertEquals(List.of(0), List.of(root.at("/results/1/partial_unexpected_index_list/0").asInt()));
        assertEquals(1, root.at("/results/1/unexpected_count").asInt());
    }

    @Test
    void anUnsupportedTypeIsRefusedByNameAndIndex() throws IOException {
        Path suite = Files.writeString(dir.resolve("s.json"), """
                {"expectation_suite_name": "s", "expectations": [
                  {"expectation_type": "expect_column_to_exist", "kwargs": {"column": "id"}},
                  {"expectation_type": "expect_column_kl_divergence_to_be_less_than", "kwargs": {"column": "value"}}]}
                """);
        Path events = Files.writeString(dir.resolve("events.jsonl"), EVENTS);
        CommandRun run = Validation.run("--suite", suite.toString(), "--jsonl", events.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("expectations[1]"), run.err());
        assertTrue(run.err().contains("unsupported expectation type 'expect_column_kl_divergence_to_be_less_than'"), run.err());
        assertTrue(run.err().contains(suite.toString()), run.err());
    }

    @Test
    void unusableInputExitsTwoNamingTheProblem() throws IOException {
        Path events = Files.writeString(dir.resolve("events.jsonl"), EVENTS);
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"name\": \"s\", \"expectations\": [");
        CommandRun parse = Validation.run("--suite", bad.toString(), "--jsonl", events.toString());
        assertEquals(2, parse.exit());
        assertTrue(parse.err().contains("cannot parse " + bad), parse.err());

        Path kwarg = Files.writeString(dir.resolve("kwarg.json"), """
                {"name": "s", "expectations": [{"type": "expect_column_values_to_be_between",
                  "kwargs": {"column": "value", "min_value": 0, "row_condition": "type==\\"click\\""}}]}
                """);
        CommandRun condition = Validation.run("--suite", kwarg.toString(), "--jsonl", events.toString());
        assertEquals(2, condition.exit());
        assertTrue(condition.err().contains("expectations[0].kwargs.row_condition"), condition.err());

        Path good = Files.writeString(dir.resolve("good.json"), "{\"name\": \"s\", \"expectations\": []}");
        CommandRun missing = Validation.run("--suite", good.toString(), "--csv", dir.resolve("nope.csv").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--csv: no such file"), missing.err());
        CommandRun both = Validation.run("--suite", good.toString(), "--csv", events.toString(), "--jsonl", events.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("exactly one of --csv FILE and --jsonl FILE"), both.err());
    }

    @Test
    void bothGxLayoutsLoadToTheSameSuite() {
        ExpectationSuite old = SuiteFile.load(Path.of(Validation.resource("hillstrom-gx0.json")));
        ExpectationSuite current = SuiteFile.load(Path.of(Validation.resource("hillstrom-gx1.json")));
        ExpectationSuite yaml = SuiteFile.load(Path.of(Validation.resource("hillstrom.yaml")));
        assertEquals(old.name(), current.name());
        assertEquals(old.expectations(), current.expectations());
        assertEquals(old.expectations(), yaml.expectations());
        assertEquals(19, old.expectations().size());
    }
}
