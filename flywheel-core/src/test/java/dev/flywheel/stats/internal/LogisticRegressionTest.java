package dev.flywheel.stats.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

    @Test
    void newtonFitMatchesAnUnpenalisedReference() {
        double[][] x = {{0.5, 1.0}, {1.5, -0.5}, {-1.0, 0.3}, {2.0, 1.2}, {0.1, -1.1}, {-0.7, 0.8}, {1.1, 0.2},
            {-1.5, -0.4}, {0.9, -0.9}, {-0.2, 1.5}};
        boolean[] y = {true, true, false, true, false, false, false, false, true, true};
        // numpy Newton iterations on the same data, no penalty; the 1e-6 ridge moves it by ~1e-5
        assertArrayEquals(new double[] {-0.88788272, 2.15459947, 1.23780817}, LogisticRegression.fit(x, y), 1e-4);
    }

    @Test
    void separatedDataStaysFinite() {
        double[][] x = {{-2}, {-1}, {1}, {2}};
        boolean[] y = {false, false, true, true};
        double[] beta = LogisticRegression.fit(x, y);
        double p = LogisticRegression.predict(beta, new double[] {2});
        assertEquals(1.0, p, 1e-3);
        assertEquals(true, Double.isFinite(beta[1]));
    }

    @Test
    void leastSquaresIsExactOnALine() {
        double[][] x = {{0}, {1}, {2}, {3}};
        double[] y = {1, 3, 5, 7};
        assertArrayEquals(new double[] {1, 2}, LinearRegression.fit(x, y, new boolean[] {true, true, true, true}),
                1e-12);
    }
}
