package dev.flywheel.cli;

import static dev.flywheel.cli.ImportRuns.column;
import static dev.flywheel.cli.ImportRuns.count;
import static dev.flywheel.cli.ImportRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.analysis.SharedData;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real MovieLens history through the mapping of the issue: every rating is an impression, a
 * rating, and a like (4 and above) or a dislike (2 and below). The expected counts come from reading
 * ratings.csv with plain Java, not from DuckDB.
 */
class ImportCommandTestMovieLens {
    static final String MAPPING = """
            events:
              header: false
              columns: [userId, movieId, rating, timestamp]
              user: userId
              item: movieId
              timestamp: { column: timestamp, unit: s }
              loop: movies
              id: null
              emit:
                - { type: impression }
                - { type: like,    when: "rating >= 4" }
                - { type: dislike, when: "rating <= 2" }
                - { type: rating,  value: rating }
            items:
              header: false
              columns: [movieId, title, genres]
              id: movieId
              title: title
              topics: { column: genres, split: "|" }
            """;

    @TempDir
    Path dir;

    @Test
    void ratingsAndMoviesThroughTheMapping() throws Exception {
        Path ratings = SharedData.file("movielens-latest-small/ratings.csv");
        Path movies = SharedData.file("movielens-latest-small/movies.csv");
        long[] expected = countRatings(ratings);
        long n = expected[0];
        long likes = expected[1];
        long dislikes = expected[2];
        assertEquals(100_023, n);
        Path data = dir.resolve("data");
        Path mapping = Files.writeString(dir.resolve("movielens.yaml"), MAPPING);
        CommandRun r = run("--data", data.toString(), "--events", ratings.toString(), "--items", movies.toString(),
                "--mapping", mapping.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode events = r.json().get("events");
        assertEquals(n, events.get("read").asLong());
        assertEquals(n + likes + dislikes + n, events.get("accepted").asLong());
        assertEquals(0, events.get("rejected").asLong());
        assertEquals(lines(movies), r.json().at("/items/accepted").asLong());
        assertEquals(n, count(data, "SELECT count(*) FROM events WHERE type = 'impression'"));
        assertEquals(likes, count(data, "SELECT count(*) FROM events WHERE type = 'like'"));
        assertEquals(dislikes, count(data, "SELECT count(*) FROM events WHERE type = 'dislike'"));
        assertEquals(n, count(data, "SELECT count(*) FROM events WHERE type = 'rating' AND value BETWEEN 0.5 AND 5"));
        assertEquals(List.of("movies"), column(data, "SELECT DISTINCT loop FROM events"));
        assertEquals(1, count(data, "SELECT count(*) FROM (SELECT max(seq) AS m FROM items) WHERE m < (SELECT min(seq) FROM events)"));
        assertEquals(0, count(data, "SELECT count(*) FROM (SELECT ts < lag(ts) OVER (ORDER BY seq) AS back FROM events) WHERE back"));
        CommandRun again = run("--data", data.toString(), "--events", ratings.toString(), "--mapping", mapping.toString(), "--json");
        assertEquals(n + likes + dislikes + n, again.json().at("/events/duplicates").asLong());
        assertEquals(n + likes + dislikes + n, count(data, "SELECT count(*) FROM events"));
    }

    /** Ratings, ratings of 4 and above, ratings of 2 and below. */
    private static long[] countRatings(Path ratings) throws Exception {
        long[] out = new long[3];
        try (BufferedReader in = Files.newBufferedReader(ratings)) {
            String line;
            while ((line = in.readLine()) != null) {
                double rating = Double.parseDouble(line.split(",")[2]);
                out[0]++;
                if (rating >= 4) out[1]++;
                if (rating <= 2) out[2]++;
            }
        }
        return out;
    }

    private static long lines(Path file) throws Exception {
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }
}
