package dev.flywheel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankerModelStateTest {
    @Test
    void aStateRestoresTheSameScoresAndTheSameBytes() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] w = new double[2][12];
        for (double[] row : w) for (int i = 0; i < row.length; i++) row[i] = r.nextGaussian();
        RankerModel m = new RankerModel(List.of("purchase", "view"), new double[] {42.5, 0.1}, -0.01, w);
        byte[] bytes = m.toBytes();
        RankerModel back = RankerModel.fromBytes(bytes);
        assertArrayEquals(bytes, back.toBytes());
        for (int k = 0; k < 50; k++) {
            double[] f = new double[12];
            for (int i = 0; i < f.length; i++) f[i] = r.nextGaussian();
            assertEquals(m.score(f), back.score(f), 0.0);
        }
        assertEquals(List.of("purchase", "view"), back.types());
    }

    @Test
    void bytesThatAreNotAStateAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RankerModel.fromBytes(new byte[] {1, 2, 3, 4, 0, 0, 0, 0}));
    }
}
