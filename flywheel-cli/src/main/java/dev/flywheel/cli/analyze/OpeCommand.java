package dev.flywheel.cli.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.analysis.ObdLogs;
import dev.flywheel.analysis.OffPolicyEvaluation;
import dev.flywheel.analysis.OpeOptions;
import dev.flywheel.analysis.LoggedSlate;
import dev.flywheel.analysis.SlateLog;
import dev.flywheel.analysis.TargetPolicy;
import dev.flywheel.cli.ConfigFiles;
import dev.flywheel.stats.OffPolicyDiagnostics;
import dev.flywheel.stats.OffPolicyEstimate;
import dev.flywheel.analysis.OnPolicyValue;
import dev.flywheel.store.duckdb.DuckDbOpeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.List;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flywheel analyze ope}: value of a target policy estimated from another policy's log. */
@Command(name = "ope", mixinStandardHelpOptions = true,
        description = "Off-policy evaluation (IPS, SNIPS, clipped IPS, DM, DR, switch-DR) of a target policy from "
                + "logged decisions and propensities: an OBD export (--logged, --target FILE) or an engine's own "
                + "decision log (--data, --loop, --target uniform|greedy-by-score|logged|learner).")
final class OpeCommand extends AnalysisCommand {
    @Option(names = "--format", defaultValue = "obd", description = "Log format; supported: obd (default).")
    String format;

    @Option(names = "--logged", description = "OBD log of the logging policy (with propensities).")
    Path logged;

    @Option(names = "--data", description = "Data directory of an engine: evaluate on --loop's decision log.")
    Path data;

    @Option(names = "--loop", description = "Loop whose decisions are the log (with --data).")
    String loop;

    @Option(names = "--config", description = "flywheel.yaml of the engine (with --data): the outcomes are computed "
            + "anew for its loops (reward weights, windows) by replaying the log; without it, the outcomes the engine "
            + "last wrote are read. Required by --target learner (the loop's learner settings).")
    Path config;

    @Option(names = "--target", required = true, description = "With --logged: OBD log of the target policy "
            + "(pi(item | position) is its empirical frequency). With --data: uniform, greedy-by-score, logged, or "
            + "learner (the loop's learner of --config, trained on the log up to --train-until, evaluated on the "
            + "decisions after it).")
    String target;

    @Option(names = "--train-until", description = "With --target learner: the cut time (ISO-8601, e.g. "
            + "2026-11-01T12:00:00Z); the learner learns from the log up to it and is evaluated after it.")
    String trainUntil;

    @Option(names = "--clip", defaultValue = "5", description = "Weight cap of clipped IPS (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--switch-tau", defaultValue = "5",
            description = "Weight above which switch-DR uses the model only (default: ${DEFAULT-VALUE}).")
    double switchTau;

    @Option(names = "--bootstrap", defaultValue = "200", description = "DM bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "20191124", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--prior-strength", defaultValue = "20",
            description = "Pseudo-observations shrinking the reward model to the position mean (default: ${DEFAULT-VALUE}).")
    double priorStrength;

    @Option(names = "--confidence", defaultValue = "0.95", description = "Confidence level (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Override
    ObjectNode analyze() throws IOException {
        if ((logged == null) == (data == null)) {
            throw new IllegalArgumentException("give exactly one of --logged FILE and --data DIR");
        }
        OpeOptions options = new OpeOptions(confidence, clip, switchTau, bootstrap, seed, priorStrength);
        return json(data == null ? fromObd(options) : fromStore(options));
    }

    private OffPolicyEvaluation fromObd(OpeOptions options) throws IOException {
        if (!format.equalsIgnoreCase("obd")) {
            throw new IllegalArgumentException("--format must be obd, got '" + format + "'");
        }
        return ObdLogs.evaluate(read(logged, "--logged"), read(Path.of(target), "--target"), options);
    }

    private OffPolicyEvaluation fromStore(OpeOptions options) throws IOException {
        if (loop == null) {
            throw new IllegalArgumentException("--data needs --loop");
        }
        boolean learner = target.equals("learner");
        Instant cut = learner ? cut() : null;
        SlateLog log = new SlateLog(learner ? FrozenLearner.trainedUntil(data, ConfigFiles.load(config), loop, cut)
                : TargetPolicy.named(target));
        Consumer<LoggedSlate> add = learner ? s -> {
            if (s.origin().at().isAfter(cut)) {
                log.add(s);
            }
        } : log::add;
        try (StoreAccess store = config != null ? StoreAccess.withOutcomes(data, ConfigFiles.load(config)) : StoreAccess.open(data)) {
            DuckDbOpeSource.slates(store.connection(), loop, learner, add);
        } catch (SQLException e) {
            throw new IllegalArgumentException("--data: query failed: " + e.getMessage(), e);
        }
        if (log.size() == 0) {
            throw new IllegalArgumentException("--loop '" + loop + "': no decisions with closed outcomes in " + data
                    + (learner ? " after --train-until " + cut : "") + "; outcomes are written by the engine for the loops"
                    + " of its config: give --config to compute them");
        }
        return log.evaluate(options);
    }

    private Instant cut() {
        if (trainUntil == null) {
            throw new IllegalArgumentException("--target learner needs --train-until TIME (and --config)");
        }
        try {
            return Instant.parse(trainUntil);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--train-until must be an ISO-8601 instant such as "
                    + "2026-11-01T12:00:00Z, got '" + trainUntil + "'");
        }
    }

    private ObjectNode json(OffPolicyEvaluation e) {
        ObjectNode root = object();
        ObjectNode est = root.putObject("estimators");
        for (OffPolicyEstimate x : e.estimators().values()) {
            ObjectNode n = est.putObject(x.estimator());
            put(n, "value", x.value());
            put(n, "ci_low", x.ci().low());
            put(n, "ci_high", x.ci().high());
            put(n, "se", x.standardError());
            if (e.onPolicy() != null) {
                n.put("covers_on_policy", e.covers(x.estimator()));
            }
        }
        OnPolicyValue on = e.onPolicy();
        if (on != null) {
            root.putObject("on_policy").put("rate", on.rate()).put("ci_low", on.interval().low())
                .put("ci_high", on.interval().high()).put("positives", on.positives()).put("n", on.n());
        }
        OffPolicyDiagnostics d = e.diagnostics();
        ObjectNode diag = root.putObject("diagnostics");
        diag.put("n", d.n());
        put(diag, "effective_sample_size", d.effectiveSampleSize());
        put(diag, "max_weight", d.maxWeight());
        put(diag, "mean_weight", d.meanWeight());
        put(diag, "clip_threshold", d.clipThreshold());
        put(diag, "clipped_share", d.clippedShare());
        e.notes().forEach(root.putArray("notes")::add);
        return root;
    }

    @Override
    String table(ObjectNode r) {
        TextTable t = new TextTable("estimator", "value", "95% CI", "covers on-policy");
        for (Iterator<Map.Entry<String, JsonNode>> it = r.get("estimators").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> x = it.next();
            t.row(x.getKey(), x.getValue().get("value"), TextTable.interval(x.getValue(), "ci_low", "ci_high"),
                    !x.getValue().has("covers_on_policy") ? "" : x.getValue().get("covers_on_policy").asBoolean() ? "yes" : "NO");
        }
        JsonNode on = r.get("on_policy");
        if (on != null) {
            t.row("on-policy", on.get("rate"), TextTable.interval(on, "ci_low", "ci_high"), "");
        }
        JsonNode d = r.get("diagnostics");
        StringBuilder sb = new StringBuilder(t.toString());
        sb.append(String.format(Locale.ROOT, "%n%nn = %d, effective sample size = %.0f, max weight = %.3g, "
                + "mean weight = %.3f, share above clip %.3g = %.3f", d.get("n").asInt(),
                d.get("effective_sample_size").asDouble(), d.get("max_weight").asDouble(),
                d.get("mean_weight").asDouble(), d.get("clip_threshold").asDouble(), d.get("clipped_share").asDouble()));
        r.get("notes").forEach(n -> sb.append("\nnote: ").append(n.asText()));
        return sb.toString();
    }
}
