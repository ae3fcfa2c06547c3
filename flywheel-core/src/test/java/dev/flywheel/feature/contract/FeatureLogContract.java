package dev.flywheel.feature.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.feature.FeatureLog;
import dev.flywheel.feature.ServedFeatures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link FeatureLog} adapter must do. */
public abstract class FeatureLogContract {
    @TempDir
    protected Path dir;

    /** Opens the adapter over {@code dir}; the same directory opens the same data again. */
    protected abstract FeatureLog open(Path dir);

    protected abstract void close(FeatureLog log);

    private static ServedFeatures row(long seq, String d, String item, int position, double x) {
        return new ServedFeatures(seq, d, "shop", item, position, new double[] {1, x, -x, 0.25 * seq});
    }

    @Test
    void rowsComeBackByDecisionInPositionOrderAndSurviveReopening() {
        FeatureLog log = open(dir);
        assertEquals(-1, log.lastSeq());
        log.append(List.of(row(3, "d3", "b", 2, 0.5), row(3, "d3", "a", 1, 0.1), row(5, "d5", "c", 1, 2)));
        assertEquals(5, log.lastSeq());
        assertEquals(List.of(row(3, "d3", "a", 1, 0.1), row(3, "d3", "b", 2, 0.5)), log.get("d3"));
        close(log);
        FeatureLog again = open(dir);
        assertEquals(5, again.lastSeq());
        assertEquals(List.of(row(5, "d5", "c", 1, 2)), again.get("d5"));
        assertEquals(List.of(), again.get("d9"));
        close(again);
    }

    @Test
    void rowsOfDecisionsAlreadyKeptAreNotKeptTwiceNorChanged() {
        FeatureLog log = open(dir);
        log.append(List.of(row(3, "d3", "a", 1, 0.1)));
        log.append(List.of(row(3, "d3", "a", 1, 9.9), row(4, "d4", "a", 1, 0.2)));
        assertEquals(List.of(row(3, "d3", "a", 1, 0.1)), log.get("d3"), "a replay's recomputed row must not replace the kept one");
        assertEquals(1, log.get("d4").size());
        close(log);
    }
}
