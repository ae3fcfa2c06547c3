package dev.flywheel.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.stats.MeanDifference;
import dev.flywheel.stats.MultipleTesting;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Hillstrom e-mail experiment (CRLF file). Means are checked exactly against sums computed here
 * with a plain line split; Welch intervals against scipy 1.17
 * ({@code scipy.stats.ttest_ind(t, c, equal_var=False).confidence_interval(0.95)}).
 */
class HillstromExperimentTest {
    private static final String CONTROL = "No E-Mail";
    private static final List<String> METRICS = List.of("visit", "conversion", "spend");
    /** metric, arm, ci low, ci high, p (scipy). */
    private static final Object[][] REFERENCE = {
        {"visit", "Mens E-Mail", 0.06995314760976148, 0.083225979693301, 1.3644511962742905e-112},
        {"visit", "Womens E-Mail", 0.03889349376208028, 0.05157271941202569, 2.4324477023127946e-44},
        {"conversion", "Mens E-Mail", 0.005000070747732389, 0.008609942291499001, 1.50181578515438e-13},
        {"conversion", "Womens E-Mail", 0.0014985923661468032, 0.004723522656023713, 0.00015602839508556404},
        {"spend", "Mens E-Mail", 0.4851397325684076, 1.0545145792206658, 1.163814968225482e-07},
        {"spend", "Womens E-Mail", 0.1689567898837787, 0.6798676419894147, 0.0011293971023632495},
    };
    private static Path file;
    private static ExperimentReport report;

    @BeforeAll
    static void analyze() throws IOException {
        file = SharedData.file("hillstrom/hillstrom.csv");
        Table table = Table.read(file);
        assertEquals(64_000, table.size());
        report = ExperimentReport.analyze(table, ExperimentSpec.of("segment", CONTROL, METRICS));
    }

    @Test
    void meansAndCountsMatchADirectComputation() throws IOException {
        Map<String, double[]> sums = directSums(file);
        for (ExperimentReport.MetricReport m : report.metrics()) {
            int col = METRICS.indexOf(m.metric());
            for (ExperimentReport.ArmReport arm : m.arms().values()) {
                double[] s = sums.get(arm.arm());
                assertEquals((long) s[3], arm.n(), arm.arm());
                assertEquals(s[col] / s[3], arm.mean(), 0.0, m.metric() + " " + arm.arm());
            }
        }
        assertEquals(List.of(CONTROL, "Mens E-Mail", "Womens E-Mail"), report.arms());
        assertEquals(21_306, report.metrics().get(0).arms().get(CONTROL).n());
    }

    @Test
    void welchIntervalsMatchScipyToFourSignificantDigits() {
        for (Object[] ref : REFERENCE) {
            MeanDifference d = arm((String) ref[0], (String) ref[1]).vsControl();
            assertSignificant((double) ref[2], d.ci().low(), ref[0] + " " + ref[1] + " low");
            assertSignificant((double) ref[3], d.ci().high(), ref[0] + " " + ref[1] + " high");
            assertSignificant((double) ref[4], d.pValue(), ref[0] + " " + ref[1] + " p");
        }
    }

    @Test
    void sampleRatioIsFineAndAdjustedPValuesAreHolm() {
        assertFalse(report.srm().mismatch());
        assertTrue(report.srm().pValue() > 0.1, "p " + report.srm().pValue());
        // the largest raw p (spend, Womens: 0.00113) has rank 6 of 6, Holm multiplier 1; but monotonicity
        // lifts it to at least the previous adjusted value
        double raw = arm("spend", "Womens E-Mail").vsControl().pValue();
        assertTrue(arm("spend", "Womens E-Mail").adjustedP() >= raw);
        double holmSmallest = arm("visit", "Mens E-Mail").vsControl().pValue() * 6;
        assertEquals(holmSmallest, arm("visit", "Mens E-Mail").adjustedP(), holmSmallest * 1e-12);
        assertEquals(MultipleTesting.Method.HOLM, report.spec().correction());
    }

    @Test
    void alwaysValidIntervalIsWiderThanTheFixedOne() {
        ExperimentReport.ArmReport a = arm("visit", "Mens E-Mail");
        assertTrue(a.sequential().interval().width() > a.vsControl().ci().width());
        assertTrue(a.sequential().interval().contains(a.vsControl().diff()));
    }

    private static ExperimentReport.ArmReport arm(String metric, String arm) {
        return report.metrics().stream().filter(m -> m.metric().equals(metric)).findFirst().orElseThrow()
                .arms().get(arm);
    }

    private static void assertSignificant(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 5e-5, what);
    }

    /** Per arm: sums of visit, conversion, spend, and the count; summed in file order like the report. */
    private static Map<String, double[]> directSums(Path file) throws IOException {
        Map<String, double[]> sums = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String[] header = in.readLine().split(",");
            assertEquals("spend", header[11]);
            String line;
            while ((line = in.readLine()) != null) {
                // history_segment "7) $1,000 +" is quoted and holds a comma: count the fields from the end
                String[] f = line.split(",");
                int k = f.length - 4;
                double[] s = sums.computeIfAbsent(f[k], x -> new double[4]);
                s[0] += Double.parseDouble(f[k + 1]);
                s[1] += Double.parseDouble(f[k + 2]);
                s[2] += Double.parseDouble(f[k + 3]);
                s[3] += 1;
            }
        }
        return sums;
    }
}
