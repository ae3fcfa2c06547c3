package dev.flywheel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.analysis.SharedData;
import dev.flywheel.cli.Flywheel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MovieLens latest-small split as {@code flywheel evaluate --split temporal --test-fraction 0.2}
 * splits it (MovieLensEvaluationTest's protocol): per user the ratings in time order (file order
 * among equal times), the last 20 % held out, relevant the held-out ratings of 4 and up. The training
 * part is imported as a product that logged its decisions would send it: each rating a one-item
 * decision, its impression, a like at 4 stars and up, a dislike at 2 and below.
 */
final class MovieLensHistory {
    static final String LOOP = "movies";
    private static final String MAPPING = """
            events:
              header: false
              columns: [userId, movieId, rating, timestamp, decision]
              user: userId
              item: movieId
              decision: decision
              timestamp: { column: timestamp, unit: s }
              loop: movies
              emit:
                - { type: impression }
                - { type: like,    when: "rating >= 4" }
                - { type: dislike, when: "rating <= 2" }
            items:
              header: false
              columns: [movieId, title, genres]
              id: movieId
              title: title
              topics: { column: genres, split: "|" }
            """;

    record Rating(String user, String movie, double stars, long seconds) {
        String decision() {
            return "ml-" + user + "-" + movie;
        }
    }

    final Path movies;
    final List<String> catalogue = new ArrayList<>();
    final Map<String, List<Rating>> train = new LinkedHashMap<>();
    final Map<String, Set<String>> relevant = new LinkedHashMap<>();

    MovieLensHistory() throws IOException {
        movies = SharedData.file("movielens-latest-small/movies.csv");
        for (String line : Files.readAllLines(movies)) catalogue.add(line.substring(0, line.indexOf(',')));
        Map<String, List<Rating>> byUser = new LinkedHashMap<>();
        for (String line : Files.readAllLines(SharedData.file("movielens-latest-small/ratings.csv"))) {
            String[] f = line.split(",");
            byUser.computeIfAbsent(f[0], u -> new ArrayList<>()).add(new Rating(f[0], f[1], Double.parseDouble(f[2]), Long.parseLong(f[3])));
        }
        byUser.forEach((user, all) -> {
            List<Rating> rs = new ArrayList<>(all);
            rs.sort(Comparator.comparingLong(Rating::seconds)); // stable: file order among ties
            int cut = (int) Math.floor(0.8 * rs.size());
            train.put(user, rs.subList(0, cut));
            for (Rating r : rs.subList(cut, rs.size())) {
                if (r.stars() >= 4) relevant.computeIfAbsent(user, k -> new HashSet<>()).add(r.movie());
            }
        });
    }

    int trainingRatings() {
        return train.values().stream().mapToInt(List::size).sum();
    }

    /** The movies the user rated in the training part. */
    Set<String> rated(String user) {
        Set<String> out = new HashSet<>();
        for (Rating r : train.getOrDefault(user, List.of())) out.add(r.movie());
        return out;
    }

    /** The movies the user liked (4 stars and up) in the training part, in time order. */
    List<String> liked(String user) {
        List<String> out = new ArrayList<>();
        for (Rating r : train.getOrDefault(user, List.of())) if (r.stars() >= 4 && !out.contains(r.movie())) out.add(r.movie());
        return out;
    }

    /** Imports the training part and the movies into {@code data} with {@code flywheel import}. */
    void importInto(Path data, Path work) throws IOException {
        StringBuilder csv = new StringBuilder();
        StringBuilder decisions = new StringBuilder();
        for (List<Rating> rs : train.values()) {
            for (Rating r : rs) {
                csv.append(r.user()).append(',').append(r.movie()).append(',').append(r.stars()).append(',')
                        .append(r.seconds()).append(',').append(r.decision()).append('\n');
                decisions.append("{\"id\":\"").append(r.decision()).append("\",\"loop\":\"").append(LOOP).append("\",\"user\":\"")
                        .append(r.user()).append("\",\"timestamp\":\"").append(Instant.ofEpochSecond(r.seconds()))
                        .append("\",\"model\":\"history\",\"arm\":\"history\",\"items\":[{\"item\":\"").append(r.movie())
                        .append("\",\"position\":1,\"propensity\":1.0}]}\n");
            }
        }
        Path events = Files.writeString(work.resolve("train.csv"), csv);
        Path decided = Files.writeString(work.resolve("decisions.jsonl"), decisions);
        Path mapping = Files.writeString(work.resolve("movielens.yaml"), MAPPING);
        StringWriter out = new StringWriter();
        var cmd = Flywheel.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        int exit = cmd.execute("import", "--data", data.toString(), "--events", events.toString(), "--decisions", decided.toString(),
                "--items", movies.toString(), "--mapping", mapping.toString(), "--json");
        assertEquals(0, exit, out.toString());
    }
}
