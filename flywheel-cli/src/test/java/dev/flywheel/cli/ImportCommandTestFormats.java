package dev.flywheel.cli;

import static dev.flywheel.cli.ImportRuns.column;
import static dev.flywheel.cli.ImportRuns.count;
import static dev.flywheel.cli.ImportRuns.query;
import static dev.flywheel.cli.ImportRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flywheel import} of JSON lines, Parquet, catalog items and decisions. */
class ImportCommandTestFormats {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void jsonLinesInTheApiFieldsKeepIdsAndProps() throws Exception {
        Path data = dir.resolve("data");
        Path file = write("events.jsonl", """
                {"id": "e-1", "type": "click", "timestamp": "2024-03-01T10:00:00+01:00", "user": 42, "item": "a", "props": {"pos": 3}}
                {"id": "e-2", "type": "dwell", "timestamp": 1709283600000, "user": "u-7", "value": 12.5, "props": {"page": {"n": [1, 2]}}}
                {"id": "e-3", "type": "like", "timestamp": "2024-03-01T09:30:00Z", "user": "u-7", "loop": "feed"}
                """);
        CommandRun r = run("--data", data.toString(), "--events", file.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(3, r.json().at("/events/accepted").asLong());
        List<List<Object>> rows = query(data, "SELECT id, user_id, CAST(ts AS VARCHAR), props, value FROM events ORDER BY seq");
        assertEquals(List.of("e-1", "42", "2024-03-01 09:00:00", "{\"pos\":3}"), rows.get(0).subList(0, 4));
        assertEquals(List.of("e-2", "u-7", "2024-03-01 09:00:00", "{\"page\":{\"n\":[1,2]}}", 12.5), rows.get(1));
        assertEquals(List.of("e-3", "u-7", "2024-03-01 09:30:00"), rows.get(2).subList(0, 3));
    }

    @Test
    void parquetWithTimestampColumnAndMapping() throws Exception {
        Path data = dir.resolve("data");
        Path file = dir.resolve("plays.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET autoinstall_known_extensions=false");
            s.execute("SET autoload_known_extensions=false");
            s.execute("COPY (SELECT * FROM (VALUES (7, 'song-1', TIMESTAMP '2023-05-01 12:00:00', 31.0), "
                    + "(8, 'song-2', TIMESTAMP '2023-05-01 11:00:00', 240.5)) t(listener, track, played_at, seconds)) "
                    + "TO '" + file + "' (FORMAT parquet)");
        }
        Path mapping = write("plays.yaml", """
                events:
                  user: { sql: "'listener-' || listener" }
                  item: track
                  timestamp: played_at
                  loop: radio
                  emit:
                    - { type: impression }
                    - { type: dwell, value: seconds }
                    - { type: like, when: "seconds > 120" }
                """);
        CommandRun r = run("--data", data.toString(), "--events", file.toString(), "--mapping", mapping.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(5, r.json().at("/events/accepted").asLong());
        assertEquals(List.of("listener-8/impression", "listener-8/dwell", "listener-8/like", "listener-7/impression", "listener-7/dwell"),
                column(data, "SELECT user_id || '/' || type FROM events ORDER BY seq"));
        assertEquals(List.of("2023-05-01 11:00:00"), column(data, "SELECT CAST(min(ts) AS VARCHAR) FROM events"));
    }

    @Test
    void itemsWithSplitTopicsAreStoredOnceAcrossImports() throws Exception {
        Path data = dir.resolve("data");
        Path items = write("movies.csv", """
                1,Toy Story (1995),Adventure|Animation|Children
                2,"Jumanji, the game (1995)",Adventure | Fantasy|
                3,,Comedy
                """);
        Path mapping = write("items.yaml", """
                items:
                  header: false
                  columns: [movieId, title, genres]
                  id: movieId
                  title: title
                  topics: { column: genres, split: "|" }
                """);
        CommandRun r = run("--data", data.toString(), "--items", items.toString(), "--mapping", mapping.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(3, r.json().at("/items/accepted").asLong());
        List<List<Object>> rows = query(data, "SELECT id, title, array_to_string(topics, ',') FROM items ORDER BY id");
        assertEquals(List.of("1", "Toy Story (1995)", "Adventure,Animation,Children"), rows.get(0));
        assertEquals(List.of("2", "Jumanji, the game (1995)", "Adventure,Fantasy"), rows.get(1));
        assertEquals(List.of("Comedy"), List.of(rows.get(2).get(2)));
        CommandRun again = run("--data", data.toString(), "--items", items.toString(), "--mapping", mapping.toString(), "--json");
        JsonNode counts = again.json().get("items");
        assertEquals(List.of(0L, 3L), List.of(counts.get("accepted").asLong(), counts.get("duplicates").asLong()));
        assertEquals(3, count(data, "SELECT count(*) FROM items"));
    }

    @Test
    void decisionsAreMergedBeforeTheirFeedbackAndBadLinesQuarantined() throws Exception {
        Path data = dir.resolve("data");
        Path decisions = write("decisions.jsonl", """
                {"id": "d-2", "loop": "feed", "user": "u-1", "timestamp": "2024-01-01T10:05:00Z", "model": "pop", "arm": "champion", "items": [{"item": "b", "propensity": 1}]}
                {"id": "d-1", "loop": "feed", "user": "u-1", "timestamp": "2024-01-01T10:00:00Z", "model": "pop", "arm": "champion", "items": [{"item": "a", "propensity": 0.5}]}
                {"id": "d-3", "loop": "feed", "user": "u-1", "timestamp": "2024-01-01T10:06:00Z", "model": "pop", "arm": "champion", "items": [{"item": "c"}]}
                {"id": "d-4", "loop": "feed"
                """);
        Path events = write("events.csv", """
                id,type,timestamp,user,decision,loop,item
                i-2,impression,2024-01-01T10:05:00Z,u-1,d-2,feed,b
                i-1,impression,2024-01-01T10:00:00Z,u-1,d-1,feed,a
                c-1,click,2024-01-01T10:01:00Z,u-1,d-1,feed,a
                """);
        CommandRun r = run("--data", data.toString(), "--events", events.toString(), "--decisions", decisions.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode d = r.json().get("decisions");
        assertEquals(List.of(4L, 2L, 2L), List.of(d.get("read").asLong(), d.get("accepted").asLong(), d.get("rejected").asLong()));
        assertEquals(List.of("d-1", "i-1", "c-1", "d-2", "i-2"), column(data,
                "SELECT id FROM (SELECT seq, id FROM events UNION ALL SELECT seq, id FROM decisions) ORDER BY seq"));
        List<List<Object>> q = query(data, "SELECT source, idx, error_fields[1] FROM quarantine ORDER BY idx");
        assertEquals(List.of(List.of("decision", 3, "items[0].propensity"), List.of("decision", 4, "decision")), q);
        assertTrue(column(data, "SELECT error_messages[1] FROM quarantine WHERE idx = 4").get(0).startsWith("is not valid JSON"));
    }
}
