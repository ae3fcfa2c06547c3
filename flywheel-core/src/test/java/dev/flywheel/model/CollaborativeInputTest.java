package dev.flywheel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.model.internal.RankingFeatures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The collaborative models' input from a training snapshot, and versions that carry models trained
 * on it with factors from elsewhere (Spark).
 */
class CollaborativeInputTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final String SNAPSHOT = "a".repeat(64);

    /** like 1, click 0.25; the occurrence threshold the like's weight; 2 recent (4 trained on); a 1-day half-life. */
    private static ContentBanditSpec spec() {
        return (ContentBanditSpec) FlywheelConfig.from(Map.of("loops", List.of(Map.of("name", "l",
                "reward", Map.of("weights", Map.of("like", 1, "click", 0.25)),
                "collaborative", Map.of("recent", 2, "half_life", "1d", "factors", 2))))).loop("l").orElseThrow().model();
    }

    private static TrainingRow row(long seq, String user, String item, Duration after, String... reactions) {
        return new TrainingRow(seq, "d" + seq, user, T0.plus(after), "v1", "champion", 1, item, 0.5,
                new double[RankingFeatures.SIZE], List.of(reactions), 0, reactions.length == 0);
    }

    private static List<TrainingRow> rows() {
        List<TrainingRow> rows = new ArrayList<>();
        // u1: six likes of a, one a day: only the latest four count (2 · recent), decayed to the newest (day 6)
        for (int d = 1; d <= 6; d++) rows.add(row(rows.size(), "u1", "a", Duration.ofDays(d), "like"));
        rows.add(row(rows.size(), "u2", "a", Duration.ofDays(6), "click"));              // 0.25 < 1: not a cell
        rows.add(row(rows.size(), "u2", "b", Duration.ofDays(6), "click", "like"));      // 1.25
        rows.add(row(rows.size(), "u3", "b", Duration.ofDays(5), "like"));               // 0.5 after a day: not a cell
        rows.add(row(rows.size(), "u3", "c", Duration.ofDays(6), "impression"));         // weighs nothing
        return rows;
    }

    private static Map<String, Double> cells(CollaborativeInput in, long until) {
        Map<String, Double> out = new TreeMap<>();
        in.strongest(until, (u, i, w) -> out.put(u + "/" + i, w));
        return out;
    }

    @Test
    void theMatrixKeepsEachUsersLatestInteractionsDecaysThemAndKeepsTheStrongest() {
        CollaborativeInput in = new CollaborativeInput(spec().collaborative());
        rows().forEach(in::add);
        assertEquals(T0.plus(Duration.ofDays(6)).toEpochMilli(), in.newest());
        Map<String, Double> cells = cells(in, in.newest());
        assertEquals(Map.of("u1/a", (double) (float) (1 + 0.5 + 0.25 + 0.125), "u2/b", 1.25), cells);
    }

    @Test
    void partsSplitByUserAndDecayedToTheWholesNewestGiveTheWholesCells() {
        CollaborativeInput whole = new CollaborativeInput(spec().collaborative());
        CollaborativeInput first = new CollaborativeInput(spec().collaborative());
        CollaborativeInput second = new CollaborativeInput(spec().collaborative());
        List<TrainingRow> rows = new ArrayList<>(rows());
        rows.add(row(rows.size(), "u2", "b", Duration.ofHours(6 * 24 + 12), "click")); // the newest: half a day after u1's
        for (TrainingRow r : rows) {
            whole.add(r);
            (r.user().equals("u2") ? first : second).add(r);
        }
        Map<String, Double> parts = cells(first, whole.newest());
        parts.putAll(cells(second, whole.newest()));
        assertEquals(cells(whole, whole.newest()), parts);
        assertEquals(2, parts.size(), parts.toString());
        assertTrue(second.newest() < whole.newest(), "a part alone would decay to another time");
        assertTrue(!cells(second, second.newest()).equals(cells(second, whole.newest())), "and would give other weights");
    }

    @Test
    void factorsReadBackAsWrittenAndATruncatedFileIsRefused() {
        TrainedFactors f = new TrainedFactors(SNAPSHOT, "spark-mllib_2.13 4.2.0 local[2]", 2, List.of("u1", "u2"),
                new double[] {1, 2, 3, 4}, List.of("a"), new double[] {0.5, -0.25}, Duration.ofMillis(1234));
        byte[] bytes = f.toBytes();
        assertEquals(f, TrainedFactors.fromBytes(bytes));
        assertArrayEquals(new double[] {3, 4}, f.userVector(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainedFactors.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3)));
        assertTrue(e.getMessage().contains("truncated or malformed"), e.getMessage());
    }

    @Test
    void factorsTrainedOnOtherRowsAreRefusedNamingTheId() {
        ContentBanditSpec spec = spec();
        TrainedFactors missing = new TrainedFactors(SNAPSHOT, "spark", 2, List.of("u1"), new double[] {1, 0},
                List.of("a", "b"), new double[] {1, 0, 0, 1}, Duration.ZERO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.train(rows(), missing));
        assertTrue(e.getMessage().contains("user u2"), e.getMessage());
        TrainedFactors extra = new TrainedFactors(SNAPSHOT, "spark", 2, List.of("u1", "u2"), new double[] {1, 0, 0, 1},
                List.of("a", "b", "z"), new double[] {1, 0, 0, 1, 1, 1}, Duration.ZERO);
        e = assertThrows(IllegalArgumentException.class, () -> spec.train(rows(), extra));
        assertTrue(e.getMessage().contains("item z"), e.getMessage());
    }

    @Test
    void aVersionsStateHoldsTheRankerAndModelsWithTheGivenFactorsInItsNumbering() {
        ContentBanditSpec spec = spec();
        // given in another order than the snapshot numbers them (u1, u2; a, b)
        TrainedFactors f = new TrainedFactors(SNAPSHOT, "spark", 2, List.of("u2", "u1"), new double[] {0, 1, 1, 0},
                List.of("b", "a"), new double[] {0.25, 0.75, 0.5, -0.5}, Duration.ofSeconds(3));
        ModelSpec.Training t = spec.train(rows(), f);
        assertTrue(SnapshotCollaborative.holds(t.state()));
        assertEquals(2.0, t.metrics().get("collaborative.cells"));
        assertEquals(3.0, t.metrics().get("collaborative.factorisation_seconds"));
        assertEquals(spec.train(rows()).metrics().get("rows"), t.metrics().get("rows"));
        assertArrayEquals(t.state(), spec.train(rows(), f).state(), "the same rows and factors give the same bytes");
    }
}
