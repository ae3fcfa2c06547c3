package dev.flywheel.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.ConfigTree;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.LoopSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MovieLensReplayTest {
    @Test
    void theLearnedHybridBeatsPopularity() throws Exception {
        List<LogEntry> log = MovieLensHistory.entries();
        LoopSpec loop = LoopSpec.from(new ConfigTree("loops[0]", Map.of("name", "movies",
                "reward", Map.of("weights", Map.of("like", 1, "dislike", -1)),
                "candidates", Map.of("consumed", List.of("impression", "like", "dislike")))));
        long t0 = System.nanoTime();
        ReplayEvaluation.Report r = ReplayEvaluation.run(loop, log::stream,
                new ReplayEvaluation.Options(ReplayEvaluation.Split.TEMPORAL, 0.2, 10, Set.of(), 7, 1000, 0.95),
                m -> System.out.println(m + " at " + (System.nanoTime() - t0) / 1e9 + " s"));
        r.policies().forEach((name, p) -> System.out.printf("%-18s ndcg %.4f p %.4f r %.4f map %.4f hit %.3f cov %.3f%n", name,
                p.summary().ndcg(), p.summary().precision(), p.summary().recall(), p.summary().meanAveragePrecision(),
                p.summary().hitRate(), p.summary().coverage()));
        System.out.printf("users %d ratio %.3f diff %s in %.1f s%n", r.users(), r.ndcgRatio(), r.ndcgDifference(), (System.nanoTime() - t0) / 1e9);
        assertTrue(r.ndcgRatio() >= 1.25, "ratio " + r.ndcgRatio());
        assertTrue(r.ndcgDifference().low() > 0, "difference " + r.ndcgDifference());
    }
}
