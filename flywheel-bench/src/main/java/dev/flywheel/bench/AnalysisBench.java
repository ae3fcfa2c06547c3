package dev.flywheel.bench;

import dev.flywheel.analysis.ExperimentReport;
import dev.flywheel.analysis.ExperimentSpec;
import dev.flywheel.analysis.OpeOptions;
import dev.flywheel.analysis.SlateLog;
import dev.flywheel.analysis.TargetPolicy;
import dev.flywheel.store.duckdb.DuckDbExperimentSource;
import dev.flywheel.store.duckdb.DuckDbOpeSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The analysis paths of {@code flywheel analyze --data}, timed on a filled store: the experiment
 * report (DuckDB aggregation + the core report) and off-policy evaluation (the outcome rows +
 * slates + estimators). Each returns the wall times of {@code runs} repetitions in milliseconds, after one
 * untimed warm-up run.
 */
public final class AnalysisBench {
    public static final List<String> METRICS = List.of("like", "like/impression", "purchase:value");

    private AnalysisBench() { }

    /** Experiment report of {@code loop}; {@code units} receives the number of users of the last run. */
    public static double[] experiment(Connection c, String loop, int runs, LongConsumer units) throws SQLException {
        double[] ms = new double[runs];
        for (int r = -1; r < runs; r++) {
            long t0 = System.nanoTime();
            DuckDbExperimentSource.Moments u = DuckDbExperimentSource.moments(c, loop, METRICS);
            ExperimentReport.analyze(u.arms(), ExperimentSpec.of(DuckDbExperimentSource.ARM, "control", METRICS));
            if (r >= 0) {
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            units.accept(u.users());
        }
        return ms;
    }

    /**
     * OPE of {@code target} on {@code loop}: {@code [0]} the total times, {@code [1]} the part spent
     * in the query and building the slate log (the rest is the estimators).
     */
    public static double[][] ope(Connection c, String loop, String target, OpeOptions options, int runs)
            throws SQLException {
        double[][] ms = new double[2][runs];
        for (int r = -1; r < runs; r++) {
            long t0 = System.nanoTime();
            SlateLog log = new SlateLog(TargetPolicy.named(target));
            DuckDbOpeSource.slates(c, loop, log::add);
            long t1 = System.nanoTime();
            log.evaluate(options);
            if (r >= 0) {
                ms[0][r] = (System.nanoTime() - t0) / 1e6;
                ms[1][r] = (t1 - t0) / 1e6;
            }
        }
        return ms;
    }

    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
