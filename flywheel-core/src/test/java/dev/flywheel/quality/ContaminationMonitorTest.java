package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ContaminationMonitorTest {
    @Test
    void robustZMatchesAHandComputation() {
        // median 3; absolute deviations 2, 1, 0, 1, 97 → MAD 1; scale 1.4826
        ContaminationMonitor.Robust r = ContaminationMonitor.Robust.of(new double[] {1, 2, 3, 4, 100});
        assertEquals(3, r.median(), 0);
        assertEquals(1.4826, r.scale(), 1e-12);
        assertEquals(97 / 1.4826, r.z(100), 1e-9);
        // all equal: the scale is floored instead of 0, so nothing is infinitely far
        assertEquals(0.01 * 1e-12, ContaminationMonitor.Robust.of(new double[] {2, 2, 2}).scale(), 1e-24);
    }

    /** 40 people who click a fifth of what they see, judge and read; one account that clicks all and leaves. */
    @Test
    void theOneAccountThatClicksEverythingAndLeavesIsTheBot() {
        ContaminationMonitor m = new ContaminationMonitor();
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 50; i++) {
                String item = "i" + (i + u) % 60;
                m.observe("u" + u, item, "impression", null);
                if ((i + u) % 5 == 0) {
                    m.observe("u" + u, item, "click", null);
                    m.observe("u" + u, item, (i + u) % 10 == 0 ? "like" : "dislike", null);
                    m.observe("u" + u, item, "dwell", 20.0 + u % 7);
                }
            }
        }
        for (int i = 0; i < 50; i++) {
            m.observe("bot", "i" + i, "impression", null);
            m.observe("bot", "i" + i, "click", null);
            m.observe("bot", "i" + i, "dwell", 0.8);
        }
        assertEquals(Set.of("bot"), m.flags().bots());
    }
    /**
     * A push attack whose personalised feed has filled with its targets: it likes and reads them for
     * long, which lifted its mean dwell (arithmetic, then geometric) into people's range and made it
     * judge something, so it was not named; it still leaves everything else at once.
     */
    @Test
    void aBotThatReadsWhatItPushesStillLeavesEverythingElseAtOnce() {
        ContaminationMonitor m = new ContaminationMonitor();
        for (int u = 0; u < 40; u++) {
            for (int i = 0; i < 50; i++) {
                String item = "i" + (i + u) % 60;
                m.observe("u" + u, item, "impression", null);
                if ((i + u) % 5 == 0) {
                    m.observe("u" + u, item, "click", null);
                    if ((i + u) % 10 == 0) m.observe("u" + u, item, "like", null);
                    // people differ in how long they read: typical dwells from 8 to 60 seconds
                    m.observe("u" + u, item, "dwell", (8 + 52 * u / 39.0) * (0.7 + 0.06 * (i * 7 % 10)));
                }
            }
        }
        for (int i = 0; i < 50; i++) {
            m.observe("bot", "i" + i, "impression", null);
            m.observe("bot", "i" + i, "click", null);
            boolean target = i % 2 == 0;
            if (target) m.observe("bot", "i" + i, "like", null);
            m.observe("bot", "i" + i, "dwell", target ? 100.0 : 0.8);
        }
        assertEquals(Set.of("bot"), m.flags().bots());
    }
}
