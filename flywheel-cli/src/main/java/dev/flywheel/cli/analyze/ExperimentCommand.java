package dev.flywheel.cli.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.analysis.ExperimentReport;
import dev.flywheel.analysis.ExperimentSpec;
import dev.flywheel.stats.MeanDifference;
import dev.flywheel.stats.MultipleTesting;
import dev.flywheel.stats.SampleRatioCheck;
import dev.flywheel.store.duckdb.DuckDbExperimentSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Iterator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flywheel analyze experiment}: per-arm report of a randomised experiment from one row per unit. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Per-arm means, Welch differences vs control (delta method for ratios and lift), CUPED, "
                + "always-valid intervals, Holm/BH adjusted p-values and the sample-ratio check.")
final class ExperimentCommand extends AnalysisCommand {
    @Option(names = "--csv", description = "CSV file, one row per unit (user); exactly one of --csv and --data.")
    Path csv;

    @Option(names = "--data", description = "Data directory of an engine: analyse --loop from its store.")
    Path data;

    @Option(names = "--loop", description = "Loop to analyse (with --data); units are its users.")
    String loop;

    @Option(names = "--arm", description = "Column holding the arm (with --csv).")
    String arm;

    @Option(names = "--control", required = true, description = "Value of --arm that is the control.")
    String control;

    @Option(names = "--metric", required = true, description = "Metric column, or num/den for a ratio metric; "
            + "repeatable. With --data a column is exposures, an event type (count per user) or type:value (sum).")
    List<String> metrics;

    @Option(names = "--covariate", description = "Pre-period covariate column for CUPED (plain metrics only).")
    String covariate;

    @Option(names = "--covariate-days", description = "With --data: CUPED with, for each plain metric, the user's same "
            + "events (any loop) in the N days before their first exposure as the covariate.")
    Integer covariateDays;

    @Option(names = "--split", description = "Expected split as arm=weight,... (default: equal).", split = ",")
    Map<String, Double> split;

    @Option(names = "--correction", defaultValue = "holm", description = "holm, bh or none (default: ${DEFAULT-VALUE}).")
    String correction;

    @Option(names = "--confidence", defaultValue = "0.95", description = "Confidence level (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Option(names = "--planned-units", defaultValue = "0",
            description = "Planned total units tuning the always-valid intervals (default: the current total).")
    long plannedUnits;

    @Override
    ObjectNode analyze() throws IOException {
        if ((csv == null) == (data == null)) {
            throw new IllegalArgumentException("give exactly one of --csv FILE and --data DIR");
        }
        return data == null ? fromCsv() : fromStore();
    }

    private ObjectNode fromCsv() throws IOException {
        if (arm == null || loop != null) {
            throw new IllegalArgumentException("--csv needs --arm (and takes no --loop)");
        }
        return json(ExperimentReport.analyze(read(csv, "--csv"), spec(arm)), arm);
    }

    /** Per-user units aggregated by DuckDB; users exposed to several arms are reported, not analysed. */
    private ObjectNode fromStore() throws IOException {
        if (loop == null || arm != null || covariate != null) {
            throw new IllegalArgumentException("--data needs --loop (and takes no --arm or --covariate; "
                    + "--covariate-days gives CUPED on the store)");
        }
        if (covariateDays != null) {
            return withCuped();
        }
        DuckDbExperimentSource.Moments moments;
        try (StoreAccess store = StoreAccess.open(data)) {
            moments = DuckDbExperimentSource.moments(store.connection(), loop, metrics);
        } catch (SQLException e) {
            throw new IllegalArgumentException("--data: query failed: " + e.getMessage(), e);
        }
        if (moments.users() == 0) {
            throw new IllegalArgumentException("--loop '" + loop + "': no single-arm users in " + data);
        }
        String armColumn = DuckDbExperimentSource.ARM;
        ObjectNode root = json(ExperimentReport.analyze(moments.arms(), spec(armColumn)), armColumn);
        root.put("loop", loop).put("users", moments.users()).put("mixed", moments.mixedUsers());
        return root;
    }

    /** CUPED needs a row per user: the per-user units with pre-period columns, not per-arm moments. */
    private ObjectNode withCuped() throws IOException {
        if (covariateDays < 1) {
            throw new IllegalArgumentException("--covariate-days must be >= 1, got " + covariateDays);
        }
        DuckDbExperimentSource.Units units;
        try (StoreAccess store = StoreAccess.open(data)) {
            units = DuckDbExperimentSource.units(store.connection(), loop, metrics, Duration.ofDays(covariateDays));
        } catch (SQLException e) {
            throw new IllegalArgumentException("--data: query failed: " + e.getMessage(), e);
        }
        if (units.users() == 0) {
            throw new IllegalArgumentException("--loop '" + loop + "': no single-arm users in " + data);
        }
        Map<String, String> covariates = new LinkedHashMap<>();
        for (String m : metrics) {
            if (units.table().hasColumn(DuckDbExperimentSource.PRE + m)) {
                covariates.put(m, DuckDbExperimentSource.PRE + m); // plain event metrics; not ratios, not exposures
            }
        }
        String armColumn = DuckDbExperimentSource.ARM;
        ObjectNode root = json(ExperimentReport.analyze(units.table(), spec(armColumn), covariates), armColumn);
        root.put("loop", loop).put("users", units.users()).put("mixed", units.mixedUsers())
                .put("covariate_days", covariateDays);
        return root;
    }

    private ExperimentSpec spec(String armColumn) {
        return new ExperimentSpec(armColumn, control, metrics, covariate,
                split == null ? null : new LinkedHashMap<>(split), method(correction), confidence, plannedUnits);
    }

    private ObjectNode json(ExperimentReport report, String armColumn) {
        ObjectNode root = object();
        root.put("arm_column", armColumn).put("control", control).put("correction", correction.toLowerCase(Locale.ROOT));
        ObjectNode ms = root.putObject("metrics");
        for (ExperimentReport.MetricReport m : report.metrics()) {
            ms.set(m.metric(), metric(m));
        }
        root.set("srm", srm(report));
        return root;
    }

    private static MultipleTesting.Method method(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "holm" -> MultipleTesting.Method.HOLM;
            case "bh", "benjamini-hochberg" -> MultipleTesting.Method.BENJAMINI_HOCHBERG;
            case "none" -> MultipleTesting.Method.NONE;
            default -> throw new IllegalArgumentException("--correction must be holm, bh or none, got '" + name + "'");
        };
    }

    private static ObjectNode metric(ExperimentReport.MetricReport m) {
        ObjectNode node = object();
        node.put("ratio", m.ratio());
        if (!Double.isNaN(m.cupedTheta())) {
            node.put("cuped_theta", m.cupedTheta());
        }
        ObjectNode arms = node.putObject("arms");
        for (ExperimentReport.ArmReport a : m.arms().values()) {
            arms.set(a.arm(), arm(a));
        }
        return node;
    }

    private static ObjectNode arm(ExperimentReport.ArmReport a) {
        ObjectNode node = object();
        node.put("n", a.n());
        put(node, "mean", a.mean());
        MeanDifference d = a.vsControl();
        if (d == null) {
            return node;
        }
        put(node, "diff", d.diff());
        put(node, "ci_low", d.ci().low());
        put(node, "ci_high", d.ci().high());
        put(node, "p_value", d.pValue());
        put(node, "p_adjusted", a.adjustedP());
        put(node, "rel_lift", d.relLift());
        put(node, "rel_ci_low", d.relCi() == null ? Double.NaN : d.relCi().low());
        put(node, "rel_ci_high", d.relCi() == null ? Double.NaN : d.relCi().high());
        put(node, "seq_ci_low", a.sequential().interval().low());
        put(node, "seq_ci_high", a.sequential().interval().high());
        put(node, "se", d.standardError());
        put(node, "df", d.df());
        if (a.unadjusted() != d) {
            put(node, "unadjusted_diff", a.unadjusted().diff());
            put(node, "unadjusted_ci_low", a.unadjusted().ci().low());
            put(node, "unadjusted_ci_high", a.unadjusted().ci().high());
        }
        return node;
    }

    private static ObjectNode srm(ExperimentReport report) {
        SampleRatioCheck srm = report.srm();
        ObjectNode node = object();
        ObjectNode observed = node.putObject("observed");
        ObjectNode shares = node.putObject("expected_shares");
        double total = 0;
        for (double w : srm.expectedShares()) {
            total += w;
        }
        for (int i = 0; i < report.arms().size(); i++) {
            observed.put(report.arms().get(i), srm.observed()[i]);
            shares.put(report.arms().get(i), srm.expectedShares()[i] / total);
        }
        node.put("chi_square", srm.chiSquare()).put("df", srm.df()).put("p_value", srm.pValue())
                .put("threshold", SampleRatioCheck.THRESHOLD).put("mismatch", srm.mismatch());
        return node;
    }

    @Override
    String table(ObjectNode r) {
        TextTable t = new TextTable("metric", "arm", "n", "mean", "diff", "95% CI", "p", "p adj", "lift",
                "lift CI", "always-valid CI");
        for (Iterator<Map.Entry<String, JsonNode>> it = r.get("metrics").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> m = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> arms = m.getValue().get("arms").fields(); arms.hasNext();) {
                Map.Entry<String, JsonNode> a = arms.next();
                JsonNode v = a.getValue();
                boolean isControl = !v.has("diff");
                t.row(m.getKey(), a.getKey() + (isControl ? " (control)" : ""), v.get("n"), v.get("mean"),
                        v.get("diff"), isControl ? null : TextTable.interval(v, "ci_low", "ci_high"),
                        v.get("p_value"), v.get("p_adjusted"), v.get("rel_lift"),
                        isControl ? null : TextTable.interval(v, "rel_ci_low", "rel_ci_high"),
                        isControl ? null : TextTable.interval(v, "seq_ci_low", "seq_ci_high"));
            }
        }
        StringBuilder notes = new StringBuilder();
        r.get("metrics").fields().forEachRemaining(m -> {
            if (m.getValue().has("cuped_theta")) {
                notes.append(String.format(Locale.ROOT, "%n%s: CUPED-adjusted differences, theta = %.4g",
                        m.getKey(), m.getValue().get("cuped_theta").asDouble()));
            }
        });
        if (r.has("mixed")) {
            notes.append(String.format(Locale.ROOT, "%nloop %s: %d users, %d left out for seeing more than one arm",
                    r.get("loop").asText(), r.get("users").asLong(), r.get("mixed").asLong()));
        }
        JsonNode srm = r.get("srm");
        return t + notes.toString() + String.format(Locale.ROOT, "%n%nsample ratio: chi2 = %.3f, df = %d, p = %.4g -> %s", srm.get("chi_square")
                .asDouble(), srm.get("df").asInt(), srm.get("p_value").asDouble(), srm.get("mismatch").asBoolean()
                ? "MISMATCH (p < 0.001): do not trust this experiment's comparisons" : "ok");
    }
}
