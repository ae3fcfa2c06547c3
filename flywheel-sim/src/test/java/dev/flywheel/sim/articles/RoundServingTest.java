package dev.flywheel.sim.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.loop.Slate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundServingTest {

    @Test
    void countsVersionsMeanScoreAndExploredSlotsOfOneRound() {
        RoundServing.Counter c = new RoundServing.Counter();
        // epsilon-greedy: a ranked slot has propensity >= 1 - epsilon, an explored one epsilon / n
        c.count("v1/champion", List.of(new Slate.Slot("a", 0.4, 0.95), new Slate.Slot("b", 0.2, 0.0005)));
        c.count("v2/canary", List.of(new Slate.Slot("c", 0.0, 0.96)));
        RoundServing r = c.done();
        assertEquals(2, r.decisions());
        assertEquals(Map.of("v1/champion", 1L, "v2/canary", 1L), r.versions());
        assertEquals(0.2, r.meanScore(), 1e-12);
        assertEquals(1.0 / 3, r.exploredShare(), 1e-12);
    }

    @Test
    void aRoundWithoutDecisionsHasNoMeanScore() {
        RoundServing r = new RoundServing.Counter().done();
        assertEquals(0, r.decisions());
        assertTrue(Double.isNaN(r.meanScore()));
        assertEquals(0, r.exploredShare());
    }
}
