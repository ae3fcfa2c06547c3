package dev.flywheel.cli.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.analysis.SharedData;
import dev.flywheel.cli.Flywheel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance of issue 8 on MovieLens latest-small, as a product would do it: the ratings imported
 * with the mapping (every rating an impression, 4 stars and up a like, 2 and below a
 * dislike), the movies as items, and {@code flywheel evaluate} with the last 20 % of each user's
 * ratings in time as the test set. The loop's learned ranker must reach 1.25 times popularity's
 * nDCG@10 with a paired interval that excludes zero; popularity's own numbers are checked against a
 * computation of this test's own from ratings.csv.
 */
class MovieLensEvaluationTest {
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
            items:
              header: false
              columns: [movieId, title, genres]
              id: movieId
              title: title
              topics: { column: genres, split: "|" }
            """;
    static final String CONFIG = """
            loops:
              - name: movies
                reward: { weights: { like: 1, dislike: -1 } }
                candidates: { consumed: [impression, like, dislike] }
            """;

    @TempDir
    Path dir;

    @Test
    void theLearnedRankerBeatsPopularityOnMovieLens() throws Exception {
        Path ratings = SharedData.file("movielens-latest-small/ratings.csv");
        Path movies = SharedData.file("movielens-latest-small/movies.csv");
        Path data = dir.resolve("data");
        String[] imp = {"import", "--data", data.toString(), "--events", ratings.toString(), "--items", movies.toString(),
            "--mapping", Files.writeString(dir.resolve("movielens.yaml"), MAPPING).toString()};
        assertEquals(0, Flywheel.commandLine().execute(imp));
        StringWriter out = new StringWriter();
        var cmd = Flywheel.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        int exit = cmd.execute("evaluate", "--data", data.toString(), "--loop", "movies", "--config",
                Files.writeString(dir.resolve("flywheel.yaml"), CONFIG).toString(), "--split", "temporal", "--test-fraction", "0.2",
                "--k", "10", "--json");
        assertEquals(0, exit, out.toString());
        JsonNode r = new ObjectMapper().readTree(out.toString());
        System.out.println(r.toPrettyString());
        double[] popularity = popularityByHand(ratings, movies);
        assertEquals((int) popularity[0], r.get("users").asInt(), "users with a liked test movie");
        assertEquals(popularity[1], r.at("/policies/popularity/ndcg").asDouble(), 1e-12);
        assertEquals(popularity[2], r.at("/policies/popularity/precision").asDouble(), 1e-12);
        double model = r.at("/policies/content-bandit-1/ndcg").asDouble();
        assertTrue(model >= 1.25 * popularity[1], "nDCG@10 " + model + " vs popularity " + popularity[1]);
        assertTrue(r.at("/vs_popularity/ndcg_difference_ci/0").asDouble() > 0, r.get("vs_popularity").toString());
    }

    /**
     * Popularity by the protocol, from the files alone: per user the ratings in time order (file order
     * among equal times), the last 20 % held out; candidates every movie the user did not rate before;
     * ranked by training likes, then training ratings, then movies.csv order; relevant the held-out
     * ratings of 4 and up. Returns {users, mean nDCG@10, mean precision@10}.
     */
    private static double[] popularityByHand(Path ratingsFile, Path moviesFile) throws Exception {
        List<String> movies = new ArrayList<>();
        for (String line : Files.readAllLines(moviesFile)) movies.add(line.substring(0, line.indexOf(',')));
        Map<String, List<String[]>> byUser = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ratingsFile)) {
            String[] f = line.split(",");
            byUser.computeIfAbsent(f[0], u -> new ArrayList<>()).add(f);
        }
        Map<String, Integer> likes = new HashMap<>();
        Map<String, Integer> rated = new HashMap<>();
        Map<String, Set<String>> train = new HashMap<>();
        Map<String, Set<String>> relevant = new HashMap<>();
        for (Map.Entry<String, List<String[]>> u : byUser.entrySet()) {
            List<String[]> rs = new ArrayList<>(u.getValue());
            rs.sort(Comparator.comparingLong(x -> Long.parseLong(x[3]))); // stable: file order among ties
            int cut = (int) Math.floor(0.8 * rs.size());
            Set<String> mine = new HashSet<>();
            for (int i = 0; i < rs.size(); i++) {
                String[] x = rs.get(i);
                if (i < cut) {
                    mine.add(x[1]);
                    rated.merge(x[1], 1, Integer::sum);
                    if (Double.parseDouble(x[2]) >= 4) likes.merge(x[1], 1, Integer::sum);
                } else if (Double.parseDouble(x[2]) >= 4) {
                    relevant.computeIfAbsent(u.getKey(), k -> new HashSet<>()).add(x[1]);
                }
            }
            train.put(u.getKey(), mine);
        }
        List<String> ranked = new ArrayList<>(movies);
        ranked.sort(Comparator.comparingInt((String m) -> -likes.getOrDefault(m, 0)).thenComparingInt(m -> -rated.getOrDefault(m, 0)));
        double ndcg = 0;
        double precision = 0;
        for (Map.Entry<String, Set<String>> u : relevant.entrySet()) {
            double dcg = 0;
            double ideal = 0;
            int hits = 0;
            int rank = 0;
            for (String m : ranked) {
                if (train.get(u.getKey()).contains(m)) continue;
                rank++;
                if (u.getValue().contains(m)) {
                    dcg += 1 / (Math.log(rank + 1) / Math.log(2));
                    hits++;
                }
                if (rank == 10) break;
            }
            for (int i = 1; i <= Math.min(10, u.getValue().size()); i++) ideal += 1 / (Math.log(i + 1) / Math.log(2));
            ndcg += dcg / ideal;
            precision += hits / 10.0;
        }
        return new double[] {relevant.size(), ndcg / relevant.size(), precision / relevant.size()};
    }
}
