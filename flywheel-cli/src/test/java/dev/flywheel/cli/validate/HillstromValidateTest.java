package dev.flywheel.cli.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.analysis.SharedData;
import dev.flywheel.analysis.Table;
import dev.flywheel.cli.CommandRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GX suite written for the Hillstrom CSV (src/test/resources/quality), run through
 * {@code flywheel validate} over a copy of the real file with rows broken on purpose, and compared per
 * expectation with counts taken directly over the copy's cells (the test's own CSV rows, not the
 * validator's typed values).
 */
class HillstromValidateTest {
    @TempDir
    Path dir;

    private List<String> header;
    private List<String[]> rows;
    private Path broken;

    @BeforeEach
    void breakACopy() throws IOException {
        Table real = Table.read(SharedData.file("hillstrom/hillstrom.csv"));
        header = real.header();
        rows = new ArrayList<>();
        List<String[]> columns = header.stream().map(real::strings).toList();
        for (int r = 0; r < real.size(); r++) {
            String[] row = new String[header.size()];
            for (int c = 0; c < row.length; c++) row[c] = columns.get(c)[r];
            rows.add(row);
        }
        set(10, "spend", "-25.5");          // negative spend
        set(200, "segment", "Spam E-Mail");  // outside the experiment's arms
        set(300, "visit", "");               // a null visit
        set(400, "zip_code", "02139");       // a malformed zip_code: a US code where a category belongs
        set(500, "spend", "");               // a null spend: not counted by the range check
        set(600, "recency", "13");           // beyond twelve months
        set(700, "history_segment", "8) $2,000 +");
        set(800, "channel", "Email");
        set(900, "zip_code", "urban");       // lower case: in no set, fails the capitalised pattern
        broken = Validation.writeCsv(dir.resolve("hillstrom-broken.csv"), header, rows);
    }

    private void set(int row, String column, String value) {
        rows.get(row)[header.indexOf(column)] = value;
    }

    @Test
    void perExpectationCountsMatchAHandComputation() throws IOException {
        CommandRun run = Validation.run("--suite", Validation.resource("hillstrom-gx0.json"), "--csv", broken.toString(), "--json");
        assertEquals(1, run.exit(), run.err());
        JsonNode root = run.json();
        JsonNode results = root.get("results");
        assertEquals(19, results.size());
        checkMap(results.get(0), null);
        assertEquals(rows.size(), results.get(1).get("observed_value").asInt());
        checkMap(results.get(2), column("visit", true, String::isEmpty, 1.0));
        checkMap(results.get(3), column("spend", true, String::isEmpty, 0.99));
        checkMap(results.get(4), column("spend", false, v -> number(v) < 0 || number(v) > 1000, 1.0));
        checkMap(results.get(5), column("recency", false, v -> number(v) < 1 || number(v) > 12, 1.0));
        checkMap(results.get(6), column("history", false, v -> number(v) <= 29.99 || number(v) > 3345.93, 1.0));
        Set<String> arms = Set.of("Mens E-Mail", "Womens E-Mail", "No E-Mail");
        checkMap(results.get(7), column("segment", false, v -> !arms.contains(v), 1.0));
        Set<String> zips = Set.of("Urban", "Surburban", "Rural");
        checkMap(results.get(8), column("zip_code", false, v -> !zips.contains(v), 0.9999));
        checkMap(results.get(9), column("channel", false, v -> v.equals("Email") || v.equals("Store"), 1.0));
        checkMap(results.get(10), column("history_segment", false, v -> !(v.charAt(0) >= '1' && v.charAt(0) <= '7'
                && v.startsWith(") $", 1)), 1.0));
        checkMap(results.get(11), column("zip_code", false, v -> !Character.isUpperCase(v.charAt(0))
                || !v.substring(1).chars().allMatch(Character::isLowerCase), 1.0));
        checkMap(results.get(12), column("visit", false, v -> !v.matches("-?\\d+"), 1.0));
        checkMap(results.get(13), column("spend", false, v -> !v.matches("-?\\d+(\\.\\d+)?"), 1.0));
        checkMap(results.get(14), column("segment", false, v -> false, 1.0));
        checkMap(results.get(15), column("history", false, repeated("history"), 0.5));
        checkStatistic(results.get(16), (double) distinct("zip_code") / nonEmpty("zip_code").size(), 0, 0.001);
        checkStatistic(results.get(17), distinct("segment"), 3, 3);
        checkStatistic(results.get(18), mean("spend"), 0.5, 1.5);

        long failed = 0;
        for (JsonNode r : results) failed += r.get("success").asBoolean() ? 0 : 1;
        assertEquals(results.size() - failed, root.at("/statistics/successful_expectations").asLong());
        assertEquals(failed, root.at("/statistics/unsuccessful_expectations").asLong());
    }

    @Test
    void bothGxLayoutsAndTheYamlFormGiveTheSameResults() throws IOException {
        JsonNode old = Validation.run("--suite", Validation.resource("hillstrom-gx0.json"), "--csv", broken.toString(), "--json").json();
        JsonNode current = Validation.run("--suite", Validation.resource("hillstrom-gx1.json"), "--csv", broken.toString(), "--json").json();
        JsonNode yaml = Validation.run("--suite", Validation.resource("hillstrom.yaml"), "--csv", broken.toString(), "--json").json();
        assertEquals(old, current);
        assertEquals(old, yaml);
    }

    @Test
    void humanOutputIsOneLinePerExpectationAndTheSameExitCode() {
        CommandRun run = Validation.run("--suite", Validation.resource("hillstrom-gx1.json"), "--csv", broken.toString());
        assertEquals(1, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(20, lines.size(), run.out());
        assertEquals("FAIL expectations[7] expect_column_values_to_be_in_set(segment): 1 unexpected (0.001563 %) of 64000 rows, "
                + "0 missing, mostly 1.0, e.g. ['Spam E-Mail']", lines.get(7));
    }

    /** What the hand computation expects of one column map expectation. */
    private record Hand(String column, long counted, long missing, List<Integer> unexpectedRows, double mostly) { }

    private Hand column(String name, boolean countsMissing, Predicate<String> unexpected, double mostly) {
        int c = header.indexOf(name);
        long missing = 0;
        List<Integer> bad = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String v = rows.get(r)[c];
            if (v.isEmpty()) missing++;
            if (v.isEmpty() && !countsMissing) continue;
            if (unexpected.test(v)) bad.add(r);
        }
        return new Hand(name, countsMissing ? rows.size() : rows.size() - missing, missing, bad, mostly);
    }

    /** {@code hand} null: an expectation with nothing to count (the column exists). */
    private void checkMap(JsonNode result, Hand hand) {
        String at = result.get("expectation").toString();
        if (hand == null) {
            assertEquals(true, result.get("success").asBoolean(), at);
            return;
        }
        long unexpected = hand.unexpectedRows().size();
        assertEquals(rows.size(), result.get("element_count").asLong(), at);
        assertEquals(hand.missing(), result.get("missing_count").asLong(), at);
        assertEquals(unexpected, result.get("unexpected_count").asLong(), at);
        assertEquals(100.0 * unexpected / hand.counted(), result.get("unexpected_percent").asDouble(), 1e-12, at);
        boolean success = (double) (hand.counted() - unexpected) / hand.counted() >= hand.mostly();
        assertEquals(success, result.get("success").asBoolean(), at);
        List<Integer> first = hand.unexpectedRows().subList(0, (int) Math.min(20, unexpected));
        JsonNode partial = result.get("partial_unexpected_list");
        assertEquals(first.size(), partial.size(), at);
        int c = header.indexOf(hand.column());
        for (int i = 0; i < first.size(); i++) {
            String cell = rows.get(first.get(i))[c];
            JsonNode got = partial.get(i);
            if (cell.isEmpty()) assertEquals(true, got.isNull(), at);
            else if (got.isNumber()) assertEquals(Double.parseDouble(cell), got.asDouble(), 0.0, at);
            else assertEquals(cell, got.asText(), at);
            assertEquals(first.get(i).intValue(), result.get("partial_unexpected_index_list").get(i).asInt(), at);
        }
    }

    private static void checkStatistic(JsonNode result, double observed, double min, double max) {
        String at = result.get("expectation").toString();
        assertEquals(observed, result.get("observed_value").asDouble(), 1e-9, at);
        assertEquals(observed >= min && observed <= max, result.get("success").asBoolean(), at);
    }

    private List<String> nonEmpty(String name) {
        int c = header.indexOf(name);
        return rows.stream().map(r -> r[c]).filter(v -> !v.isEmpty()).toList();
    }

    private int distinct(String name) {
        return new HashSet<>(nonEmpty(name)).size();
    }

    private double mean(String name) {
        return nonEmpty(name).stream().mapToDouble(Double::parseDouble).average().orElseThrow();
    }

    /** A value is unexpected for uniqueness when another row has the same number, first occurrence included. */
    private Predicate<String> repeated(String name) {
        Map<Double, Integer> counts = new HashMap<>();
        for (String v : nonEmpty(name)) counts.merge(Double.parseDouble(v), 1, Integer::sum);
        return v -> counts.get(Double.parseDouble(v)) > 1;
    }

    private static double number(String v) {
        return Double.parseDouble(v);
    }
}
