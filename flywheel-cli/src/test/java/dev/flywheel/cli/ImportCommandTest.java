package dev.flywheel.cli;

import static dev.flywheel.cli.ImportRuns.column;
import static dev.flywheel.cli.ImportRuns.count;
import static dev.flywheel.cli.ImportRuns.query;
import static dev.flywheel.cli.ImportRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.cli.engine.EngineStorage;
import dev.flywheel.config.FlywheelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flywheel import} of small CSV files: mapping, order, idempotency, quarantine, errors. */
class ImportCommandTest {
    /** A ratings export: no header, Unix seconds, out of time order on purpose. */
    static final String RATINGS = """
            1,10,4.5,1000000300
            1,11,2.0,1000000100
            2,10,3.0,1000000200
            2,12,5.0,1000000100
            """;
    static final String MAPPING = """
            events:
              header: false
              columns: [userId, movieId, rating, timestamp]
              user: userId
              item: movieId
              timestamp: { column: timestamp, unit: s }
              loop: movies
              emit:
                - { type: impression }
                - { type: like,    when: "rating >= 4" }
                - { type: dislike, when: "rating <= 2" }
                - { type: rating,  value: rating }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private CommandRun importRatings(Path data) throws Exception {
        return run("--data", data.toString(), "--events", write("ratings.csv", RATINGS).toString(),
                "--mapping", write("mapping.yaml", MAPPING).toString(), "--json");
    }

    @Test
    void ratingsBecomeEventsByThresholdInTimeOrder() throws Exception {
        Path data = dir.resolve("data");
        CommandRun r = importRatings(data);
        assertEquals(0, r.exit(), r.err());
        JsonNode events = r.json().get("events");
        assertEquals(4, events.get("read").asLong());
        assertEquals(4 + 2 + 1 + 4, events.get("accepted").asLong());
        assertEquals(0, events.get("rejected").asLong());
        List<String> order = column(data, "SELECT user_id || '/' || item || '/' || type FROM events ORDER BY seq");
        assertEquals(List.of("1/11/impression", "1/11/dislike", "1/11/rating", "2/12/impression", "2/12/like", "2/12/rating",
                "2/10/impression", "2/10/rating", "1/10/impression", "1/10/like", "1/10/rating"), order);
        assertEquals(List.of("movies"), column(data, "SELECT DISTINCT loop FROM events"));
        assertEquals(List.of("4.5"), column(data, "SELECT value FROM events WHERE type = 'rating' AND item = '10' AND user_id = '1'"));
        assertEquals(List.of("2001-09-09 01:48:20"), column(data, "SELECT CAST(min(ts) AS VARCHAR) FROM events"));
        assertTrue(column(data, "SELECT id FROM events").stream().allMatch(id -> id.matches("h-[0-9a-f]{32}")));
    }

    @Test
    void importingTheSameFileAgainStoresNothingTwice() throws Exception {
        Path data = dir.resolve("data");
        assertEquals(0, importRatings(data).exit());
        CommandRun again = importRatings(data);
        assertEquals(0, again.exit(), again.err());
        JsonNode events = again.json().get("events");
        assertEquals(0, events.get("accepted").asLong());
        assertEquals(11, events.get("duplicates").asLong());
        assertEquals(11, count(data, "SELECT count(*) FROM events"));
    }

    @Test
    void derivedIdsAreTheSameInEveryRun() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, importRatings(a).exit());
        assertEquals(0, importRatings(b).exit());
        String ids = "SELECT id FROM events ORDER BY id";
        assertEquals(column(a, ids), column(b, ids));
        assertEquals(11, column(a, "SELECT DISTINCT id FROM events").size());
    }

    @Test
    void badRowsAreQuarantinedWithTheFieldAndColumnNamed() throws Exception {
        Path data = dir.resolve("data");
        Path csv = write("events.csv", """
                type,timestamp,user,item
                click,2024-01-01T00:00:00Z,u1,a
                teleport,2024-01-01T00:00:01Z,u2,b
                click,2024-01-01T00:00:02Z,,c
                click,yesterday,u4,d
                click,2999-01-01T00:00:00Z,u5,e
                """);
        CommandRun r = run("--data", data.toString(), "--events", csv.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("event row 2: type: unknown event type 'teleport'"), r.out());
        assertEquals(1, count(data, "SELECT count(*) FROM events"));
        List<List<Object>> q = query(data, "SELECT idx, error_fields[1], error_messages[1], raw FROM quarantine ORDER BY idx");
        assertEquals(4, q.size());
        assertEquals(List.of(2, "type"), q.get(0).subList(0, 2));
        assertTrue(q.get(0).get(2).toString().endsWith("(from column 'type')"), q.get(0).toString());
        assertTrue(q.get(0).get(3).toString().contains("\"teleport\""), q.get(0).toString());
        assertEquals(List.of(3, "user", "is required (from column 'user')"), q.get(1).subList(0, 3));
        assertEquals(List.of(4, "timestamp"), q.get(2).subList(0, 2));
        assertTrue(q.get(2).get(2).toString().startsWith("cannot read 'yesterday' as ISO-8601"), q.get(2).toString());
        assertEquals(List.of(5, "timestamp"), q.get(3).subList(0, 2));
        assertTrue(q.get(3).get(2).toString().contains("in the future"), q.get(3).toString());
    }

    /** DuckDB's sniffer needs a few good rows to tell a short row from the file's shape. */
    @Test
    void rowsTheCsvReaderCannotReadAreQuarantinedWithTheirLine() throws Exception {
        Path data = dir.resolve("data");
        StringBuilder csv = new StringBuilder();
        for (int u = 1; u <= 40; u++) csv.append(u == 21 ? "21,10\n" : u + ",10,3.5," + (1_000_000_000 + u) + "\n");
        CommandRun r = run("--data", data.toString(), "--events", write("ratings.csv", csv.toString()).toString(),
                "--mapping", write("mapping.yaml", MAPPING).toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.json().at("/events/rejected").asLong());
        List<List<Object>> q = query(data, "SELECT idx, raw, error_fields[1], error_messages[1] FROM quarantine");
        assertEquals(List.of(21, "21,10", "rating"), q.get(0).subList(0, 3));
        assertTrue(q.get(0).get(3).toString().contains("Expected Number of Columns: 4 Found: 2 (line 21)"), q.toString());
        assertEquals(39, count(data, "SELECT count(DISTINCT user_id) FROM events"));
    }

    @Test
    void mappingMistakesNameTheKey() throws Exception {
        Path csv = write("ratings.csv", RATINGS);
        assertMappingError(csv, MAPPING.replace("user: userId", "usr: userId"), "events.usr: unknown key");
        assertMappingError(csv, MAPPING.replace("user: userId", "user: uid"), "events.user: no column 'uid'");
        assertMappingError(csv, MAPPING.replace("rating >= 4", "rating >>= 4"), "events.emit[1].when: cannot evaluate \"rating >>= 4\"");
        assertMappingError(csv, MAPPING.replace("when: \"rating <= 2\"", "when: \"userId\""), "events.emit[2].when: must be a condition");
        assertMappingError(csv, MAPPING.replace(", unit: s", ""), "events.timestamp: column 'timestamp' holds numbers");
        assertMappingError(csv, MAPPING.replace("unit: s", "unit: days"), "events.timestamp.unit: must be s, ms or us");
        assertMappingError(csv, MAPPING.replace("rating >= 4", "CAST(movieId AS DATE) > DATE '2000-01-01'"),
                "events.emit[1].when: fails on the data: Conversion Error");
    }

    private void assertMappingError(Path csv, String mapping, String expected) throws Exception {
        Path data = dir.resolve("data-" + Math.abs(mapping.hashCode()));
        CommandRun r = run("--data", data.toString(), "--events", csv.toString(), "--mapping", write("m.yaml", mapping).toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().startsWith("flywheel: " + expected), r.err());
        assertTrue(!Files.exists(data.resolve("store.duckdb")) || count(data, "SELECT count(*) FROM events") == 0);
    }

    @Test
    void customTypesFromTheConfigAreAdmitted() throws Exception {
        Path data = dir.resolve("data");
        Path csv = write("shares.csv", "type,timestamp,user\nshare,2024-01-01T00:00:00Z,u1\nshare,1704067201000,u2\n");
        CommandRun refused = run("--data", data.toString(), "--events", csv.toString(), "--json");
        assertEquals(2, refused.json().at("/events/rejected").asLong());
        Path config = write("flywheel.yaml", "events: { custom_types: [share] }\n");
        CommandRun r = run("--data", data.toString(), "--events", csv.toString(), "--config", config.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.json().at("/events/accepted").asLong());
        assertEquals(List.of("2024-01-01 00:00:01"), column(data, "SELECT CAST(ts AS VARCHAR) FROM events WHERE user_id = 'u2'"));
    }

    @Test
    void aDirectoryInUseIsRefusedInOneLine() throws Exception {
        Path data = dir.resolve("data");
        try (EngineStorage running = EngineStorage.open(data, FlywheelConfig.defaults(), Clock.systemUTC())) {
            CommandRun r = run("--data", data.toString(), "--events", write("ratings.csv", RATINGS).toString(),
                    "--mapping", write("mapping.yaml", MAPPING).toString());
            assertEquals(2, r.exit());
            assertEquals("flywheel: --data: " + data + " is in use by a running Flywheel server (one process per data "
                    + "directory); stop it, then import", r.err().strip());
        }
    }
}
