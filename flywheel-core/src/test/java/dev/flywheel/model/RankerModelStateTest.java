package dev.flywheel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.model.internal.RankingFeatures;
import dev.flywheel.model.internal.RankingFeatures.Feature;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankerModelStateTest {
    @Test
    void aStateRestoresTheSameScoresAndTheSameBytes() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] w = new double[2][RankingFeatures.SIZE];
        for (double[] row : w) for (int i = 0; i < row.length; i++) row[i] = r.nextGaussian();
        RankerModel m = new RankerModel(List.of("purchase", "view"), new double[] {0, 0.1}, new double[] {42.5, 0}, -0.01, w);
        byte[] bytes = m.toBytes();
        RankerModel back = RankerModel.fromBytes(bytes);
        assertArrayEquals(bytes, back.toBytes());
        for (int k = 0; k < 50; k++) {
            double[] f = new double[RankingFeatures.SIZE];
            for (int i = 0; i < f.length; i++) f[i] = r.nextGaussian();
            assertEquals(m.score(f), back.score(f), 0.0);
        }
        assertEquals(List.of("purchase", "view"), back.types());
    }

    @Test
    void aValuePaidTypeIsWeighedByTheItemsValueRelativeToTheMean() {
        double[][] w = new double[2][RankingFeatures.SIZE];
        w[0][Feature.BIAS.ordinal()] = -2;
        w[0][Feature.ITEM_VALUE.ordinal()] = -0.5; // dearer products sell less often
        w[1][Feature.BIAS.ordinal()] = 1;
        RankerModel m = new RankerModel(List.of("purchase", "click"), new double[] {0.5, 0.2}, new double[] {30, 0}, -0.1, w);
        for (double logRatio : new double[] {0, Math.log(4), Math.log(0.25)}) {
            double[] f = new double[RankingFeatures.SIZE];
            f[Feature.BIAS.ordinal()] = 1;
            f[Feature.ITEM_VALUE.ordinal()] = logRatio;
            double buy = 1 / (1 + Math.exp(2 + 0.5 * logRatio));
            double click = 1 / (1 + Math.exp(-1));
            double expected = (0.5 + 30 * Math.exp(logRatio)) * buy + 0.2 * click - 0.1 * (1 - buy) * (1 - click);
            assertEquals(expected, m.score(f), 1e-12, "log value ratio " + logRatio);
        }
    }

    @Test
    void aStateOfTheFirstFormatScoresAsItDidThen() {
        // RAN1: types, fixed weights with the mean value folded in, no per-item value
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 8 + 4 + 4 + 8 + 8 + 4 + 8 * RankingFeatures.SIZE);
        b.putInt(0x52414e31).putInt(1).putDouble(-0.05).putInt(1);
        b.putInt(8).put("purchase".getBytes(StandardCharsets.US_ASCII)).putDouble(25.0);
        b.putInt(RankingFeatures.SIZE);
        for (int i = 0; i < RankingFeatures.SIZE; i++) b.putDouble(i == Feature.BIAS.ordinal() ? -3 : 0);
        RankerModel old = RankerModel.fromBytes(b.array());
        double[] f = new double[RankingFeatures.SIZE];
        f[Feature.BIAS.ordinal()] = 1;
        f[Feature.ITEM_VALUE.ordinal()] = 2; // ignored: the state knows no item values
        double p = 1 / (1 + Math.exp(3));
        assertEquals(25 * p - 0.05 * (1 - p), old.score(f), 1e-12);
    }

    @Test
    void bytesThatAreNotAStateAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RankerModel.fromBytes(new byte[] {1, 2, 3, 4, 0, 0, 0, 0}));
    }
}
