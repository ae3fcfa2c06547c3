package dev.flywheel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.analysis.RankingMetrics;
import dev.flywheel.cli.ConfigFiles;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.model.CollaborativeInput;
import dev.flywheel.model.CollaborativeSpec;
import dev.flywheel.model.TrainedFactors;
import dev.flywheel.model.TrainingRow;
import dev.flywheel.model.TrainingSnapshot;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.rollout.Retrainer;
import dev.flywheel.sim.client.FlywheelClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training at scale (issue 11, item 7) on MovieLens latest-small: the training part imported into a
 * real engine, one training snapshot cut by its DuckDB store, and that snapshot's collaborative
 * factorisation trained both ways, in the engine's code and on Spark (local[2], through
 * {@link SparkTrainer} as a person runs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkTrainingTest {
    private static final String ADMIN = "spark-test-admin-secret-0123456789";
    private static final String CONFIG = """
            autopilot: { tick: 0s }
            loops:
              - name: movies
                reward: { weights: { like: 1, dislike: -1 } }
                candidates: { consumed: [impression, like, dislike] }
                rollout: { holdout: 0 }
            """;
    private static final int K = 10;

    @TempDir
    static Path dir;
    private MovieLensHistory history;
    private Engine engine;
    private FlywheelClient client;
    private TrainingSnapshot snapshot;
    private CollaborativeSpec spec;
    private Path config;
    private TrainedFactors spark;

    @BeforeAll
    void trainOnSpark() throws Exception {
        history = new MovieLensHistory();
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        history.importInto(data, dir);
        config = Files.writeString(dir.resolve("flywheel.yaml"), CONFIG);
        engine = Engine.open(data, ConfigFiles.load(config).withPort(0), Clock.systemUTC(), ADMIN);
        client = new FlywheelClient(URI.create("http://127.0.0.1:" + engine.start()), ADMIN);
        snapshot = SnapshotCut.everything(engine, MovieLensHistory.LOOP, history.trainingRatings());
        spec = LoopSettings.read(config, MovieLensHistory.LOOP).spec();
        Path out = dir.resolve("movies.factors");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int exit = SparkTrainer.run(new String[] {"--snapshots", Path.of(engine.snapshots().location(snapshot.id())).getParent().toString(),
            "--snapshot", snapshot.id(), "--config", config.toString(), "--out", out.toString(), "--master", "local[2]",
            "--partitions", "4", "--local-dir", System.getProperty("spark.local.dir")}, new PrintStream(said, true), System.err);
        System.out.print("SparkTrainer: " + said);
        assertEquals(0, exit, said.toString());
        spark = TrainedFactors.fromBytes(Files.readAllBytes(out));
        leaveForTheJobJar(Path.of(engine.snapshots().location(snapshot.id())).getParent(), out);
    }

    /** The snapshot, configuration and factors, for {@code SparkJobJarTest} after the job jar is packaged. */
    private void leaveForTheJobJar(Path snapshots, Path factors) throws java.io.IOException {
        Path fixture = Files.createDirectories(Path.of(System.getProperty("flywheel.spark.fixture")));
        for (String ext : List.of(".parquet", ".json")) {
            Files.copy(snapshots.resolve(snapshot.id() + ext), fixture.resolve(snapshot.id() + ext), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(config, fixture.resolve("flywheel.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(factors, fixture.resolve("in-process.factors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(fixture.resolve("snapshot.id"), snapshot.id());
    }

    @AfterAll
    void close() {
        if (engine != null) engine.close();
    }

    private CollaborativeInput input() {
        CollaborativeInput in = new CollaborativeInput(spec);
        for (TrainingRow r : engine.snapshots().rows(snapshot.id())) in.add(r);
        return in;
    }

    @Test
    void sparksPartitionsComputeTheEnginesMatrixCellForCell() {
        CollaborativeInput in = input();
        Map<String, Double> engineCells = new HashMap<>();
        in.strongest(in.newest(), (u, i, w) -> engineCells.put(u + "/" + i, w));
        SparkSession session = SparkSession.builder().master("local[2]").appName("cells").config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC").config("spark.local.dir", System.getProperty("spark.local.dir")).getOrCreate();
        Map<String, Double> sparkCells = new HashMap<>();
        try {
            for (Row r : SparkFactorisation.cells(session, Path.of(engine.snapshots().location(snapshot.id())),
                    LoopSettings.read(config, MovieLensHistory.LOOP), 7).collectAsList()) {
                assertEquals(null, sparkCells.put(r.getString(0) + "/" + r.getString(1), r.getDouble(2)), "a cell twice");
            }
        } finally {
            session.stop();
        }
        long liked = history.train.values().stream().flatMap(List::stream).filter(r -> r.stars() >= 4).count();
        assertEquals(liked, engineCells.size(), "a cell per liked rating of the training part (a like weighs 1, the strongest)");
        assertEquals(engineCells, sparkCells);
        assertEquals(spark.items().size(), new java.util.HashSet<>(engineCells.keySet().stream().map(c -> c.substring(c.indexOf('/') + 1)).toList()).size());
    }

    @Test
    void trainedOnSparkTheFactorisationRanksWithinTheEmbeddedTrainingsSeedToSeedNoise() {
        CollaborativeInput in = input();
        long[] seeds = {spec.seed(), 1, 2, 3, 4};
        double[] ndcg = new double[seeds.length];
        double[] recall = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            TrainedFactors embedded = in.factorise(snapshot.id(), seeds[s]);
            RankingMetrics.Summary m = FactorRanking.evaluate(embedded, history, K, spec.alpha(), spec.regularization());
            ndcg[s] = m.ndcg();
            recall[s] = m.recall();
            System.out.printf(Locale.ROOT, "embedded seed %d: nDCG@%d %.4f, recall@%d %.4f, trained in %.2f s%n", seeds[s], K, m.ndcg(),
                    K, m.recall(), embedded.took().toNanos() / 1e9);
        }
        RankingMetrics.Summary onSpark = FactorRanking.evaluate(spark, history, K, spec.alpha(), spec.regularization());
        System.out.printf(Locale.ROOT, "spark: nDCG@%d %.4f, recall@%d %.4f, trained in %.2f s (%s)%n", K, onSpark.ndcg(), K,
                onSpark.recall(), spark.took().toNanos() / 1e9, spark.trainer());
        assertWithinSeedNoise("nDCG@" + K, ndcg, onSpark.ndcg());
        assertWithinSeedNoise("recall@" + K, recall, onSpark.recall());
    }

    /**
     * Within noise: inside the 99 % prediction interval of one more embedded training with another
     * seed, from the embedded trainings' own spread (mean ± t(0.995, n−1)·s·√(1 + 1/n)).
     */
    private static void assertWithinSeedNoise(String metric, double[] embedded, double sparkValue) {
        int n = embedded.length;
        double mean = java.util.Arrays.stream(embedded).average().orElseThrow();
        double ss = 0;
        for (double v : embedded) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (n - 1));
        double half = TDistribution.of(n - 1).inverseCumulativeProbability(0.995) * sd * Math.sqrt(1 + 1.0 / n);
        String msg = String.format(Locale.ROOT, "%s: Spark %.4f, embedded %.4f ± %.4f (seeds %s, sd %.5f)", metric, sparkValue, mean,
                half, java.util.Arrays.toString(embedded), sd);
        System.out.println(msg);
        assertTrue(Math.abs(sparkValue - mean) <= half, msg);
    }

    @Test
    void theSparkVersionIsRegisteredLikeAnyOtherAndServesThroughTheEmbeddedVersionsPath() {
        ModelLifecycle life = engine.lifecycle();
        Retrainer retrainer = engine.autopilot().retrainer();
        TrainedFactors embedded = input().factorise(snapshot.id(), spec.seed());
        long t0 = System.nanoTime();
        VersionRecord onSpark = life.register(retrainer.train(MovieLensHistory.LOOP, snapshot, "manual", spark), "test", "trained on Spark");
        long t1 = System.nanoTime();
        VersionRecord here = life.register(retrainer.train(MovieLensHistory.LOOP, snapshot, "manual", embedded), "test", "trained here");
        System.out.printf(Locale.ROOT, "registered %s (Spark's factors) in %.1f s, %s (embedded factors) in %.1f s: ranker, similarity, state%n",
                onSpark.version(), (t1 - t0) / 1e9, here.version(), (System.nanoTime() - t1) / 1e9);
        assertEquals(snapshot.id(), onSpark.dataset());
        assertEquals(VersionRecord.Mode.FROZEN, onSpark.mode());
        assertTrue(onSpark.params().get("collaborative.trainer").startsWith("spark-mllib_2.13 4.2.0 local[2]"), onSpark.params().toString());
        assertEquals("embedded", here.params().get("collaborative.trainer"));
        assertEquals(here.metrics().get("collaborative.cells"), onSpark.metrics().get("collaborative.cells"));
        String user = user();
        List<String> candidates = candidates(user, spark, embedded);
        Map<String, Double> servedBySpark = served(life, onSpark, user, candidates, spark);
        Map<String, Double> servedHere = served(life, here, user, candidates, embedded);
        assertNotEquals(servedBySpark, servedHere, "each version scores with its own factors");
    }

    /**
     * Promotes {@code v} and decides for {@code user} over HTTP: the version serves, and each item's
     * factorisation input is the user's liked movies folded into {@code f}'s item vectors, as computed
     * here independently ({@link FoldIn}).
     */
    private Map<String, Double> served(ModelLifecycle life, VersionRecord v, String user, List<String> candidates, TrainedFactors f) {
        life.change(MovieLensHistory.LOOP, Action.PROMOTE, v.version(), "test", "serve it", Map.of());
        JsonNode d = client.post("/v1/loops/movies/decide", Map.of("user", user, "candidates", candidates, "k", candidates.size(),
                "explain", true, "log", false)).body();
        assertEquals(v.version(), d.get("model").asText(), d.toString());
        double[] x = FoldIn.user(f, history.liked(user), spec.alpha(), spec.regularization());
        Map<String, Double> out = new HashMap<>();
        for (JsonNode item : d.get("items")) {
            String id = item.get("item").asText();
            double expected = FoldIn.dot(x, f.itemVector(f.itemIndex().get(id)));
            double got = item.at("/features/factors").asDouble();
            assertEquals(expected, got, 1e-9 * Math.max(1, Math.abs(expected)), v.version() + " item " + id);
            assertTrue(item.at("/features/item_to_item").isNumber(), item.toString());
            out.put(id, got);
        }
        assertEquals(candidates.size(), out.size(), d.toString());
        return out;
    }

    /** A held-out user with a few dozen liked movies in the training part. */
    private String user() {
        for (String u : history.relevant.keySet()) {
            int liked = history.liked(u).size();
            if (liked >= 20 && liked <= 100) return u;
        }
        throw new AssertionError("no user with 20 to 100 liked movies");
    }

    /** Five movies the user did not rate that both factorisations know. */
    private List<String> candidates(String user, TrainedFactors a, TrainedFactors b) {
        List<String> out = new ArrayList<>();
        for (String m : history.catalogue) {
            if (!history.rated(user).contains(m) && a.itemIndex().containsKey(m) && b.itemIndex().containsKey(m)) out.add(m);
            if (out.size() == 5) break;
        }
        return out;
    }
}
