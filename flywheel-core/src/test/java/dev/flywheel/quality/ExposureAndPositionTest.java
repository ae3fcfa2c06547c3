package dev.flywheel.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExposureAndPositionTest {
    @Test
    void giniAndEffectiveItemsMatchHandComputations() {
        // sorted 0, 0, 0, 10: Σ i·x = 40; 2·40 / (4·10) − 5/4 = 0.75; one item holds all: 1 effective item
        ExposureConcentration one = ExposureConcentration.of(List.of(0L, 10L, 0L, 0L));
        assertEquals(0.75, one.gini(), 1e-12);
        assertEquals(1, one.items(), 1e-12);
        ExposureConcentration even = ExposureConcentration.of(List.of(5L, 5L, 5L, 5L));
        assertEquals(0, even.gini(), 1e-12);
        assertEquals(4, even.items(), 1e-12);
        // 1, 2, 3, 4: Σ i·x = 30; 2·30 / (4·10) − 5/4 = 0.25; shares .1 .2 .3 .4: 1 / 0.30
        ExposureConcentration ramp = ExposureConcentration.of(List.of(4L, 1L, 3L, 2L));
        assertEquals(0.25, ramp.gini(), 1e-12);
        assertEquals(1 / 0.30, ramp.items(), 1e-12);
        assertTrue(one.narrowerThan(even, 0.1));
        assertFalse(even.narrowerThan(one, 0.1));
    }

    @Test
    void theExaminationCurveComesBackFromExploredSlots() {
        double[] examination = {1, 0.63, 0.5, 0.43};
        PositionBias bias = new PositionBias(4);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            int position = 1 + r.nextInt(4);
            bias.explored(position, r.nextDouble() < examination[position - 1] * 0.2);
        }
        double[] curve = bias.curve();
        for (int p = 0; p < 4; p++) assertEquals(examination[p], curve[p], 0.03, "position " + (p + 1));
        PositionBias none = new PositionBias(2);
        none.explored(5, true); // past the last position: counted as the last
        assertArrayEquals(new double[] {Double.NaN, 1.0}, none.clickThrough());
    }
}
