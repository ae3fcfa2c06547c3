package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.stats.Proportion;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConflictingFeedbackTest {
    @Test
    void theShareOfPairsJudgedBothWaysWithItsWilsonInterval() {
        ConflictingFeedback c = new ConflictingFeedback(Set.of("like"), Set.of("dislike", "dismiss"));
        assertNull(c.share());
        c.observe("d1", "a", "like");
        c.observe("d1", "a", "dislike");   // conflicting
        c.observe("d1", "b", "like");
        c.observe("d1", "b", "like");      // the same twice: not a conflict
        c.observe("d2", "a", "dismiss");
        c.observe("d2", "a", "click");     // not a judgement
        c.observe(null, "a", "like");      // no decision: not counted
        c.observe("d3", "c", "click");     // clicked only: not judged
        Proportion p = c.share();
        assertEquals(1, p.successes());
        assertEquals(3, p.trials());
        // Wilson 95 % for 1 of 3, by hand: z = 1.959964, centre (p + z²/2n) / (1 + z²/n), half z√(p(1−p)/n + z²/4n²) / (1 + z²/n)
        double z = 1.959963984540054;
        double n = 3;
        double ph = 1 / 3.0;
        double denom = 1 + z * z / n;
        double centre = (ph + z * z / (2 * n)) / denom;
        double half = z * Math.sqrt(ph * (1 - ph) / n + z * z / (4 * n * n)) / denom;
        assertEquals(centre - half, p.interval().low(), 1e-12);
        assertEquals(centre + half, p.interval().high(), 1e-12);
    }

    @Test
    void aTypeCannotBeBothYesAndNo() {
        assertThrows(IllegalArgumentException.class, () -> new ConflictingFeedback(Set.of("like"), Set.of("like")));
    }
}
