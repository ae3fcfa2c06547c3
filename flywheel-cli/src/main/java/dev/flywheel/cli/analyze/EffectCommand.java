package dev.flywheel.cli.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.analysis.EffectOptions;
import dev.flywheel.analysis.ObservationalEffect;
import dev.flywheel.stats.Estimand;
import dev.flywheel.stats.OverlapDiagnostics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flywheel analyze effect}: treatment effect from observational (non-randomised) data. */
@Command(name = "effect", mixinStandardHelpOptions = true,
        description = "Propensity model (logistic, IRLS), trimming, IPW, AIPW and propensity matching with "
                + "seeded bootstrap intervals and overlap diagnostics.")
final class EffectCommand extends AnalysisCommand {
    @Option(names = "--csv", required = true, description = "CSV file, one row per unit.")
    Path csv;

    @Option(names = "--treatment", required = true, description = "Treatment column (0/1 or true/false).")
    String treatment;

    @Option(names = "--outcome", required = true, description = "Outcome column.")
    String outcome;

    @Option(names = "--covariates", required = true, split = ",", description = "Covariate columns, comma-separated.")
    List<String> covariates;

    @Option(names = "--estimand", defaultValue = "ate", description = "ate or att (default: ${DEFAULT-VALUE}).")
    String estimand;

    @Option(names = "--trim", defaultValue = "0.05,0.95", split = ",",
            description = "Keep units with propensity in [low,high] (default: ${DEFAULT-VALUE}; 0,1 disables).")
    List<Double> trim;

    @Option(names = "--bootstrap", defaultValue = "200", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "42", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--confidence", defaultValue = "0.95", description = "Confidence level (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Override
    ObjectNode analyze() throws IOException {
        if (trim.size() != 2) {
            throw new IllegalArgumentException("--trim needs two values low,high, got " + trim);
        }
        EffectOptions options = new EffectOptions(estimand(estimand), trim.get(0), trim.get(1), bootstrap, seed,
                confidence);
        ObservationalEffect r = ObservationalEffect.analyze(read(csv, "--csv"), treatment, outcome, covariates,
                options);
        ObjectNode root = object();
        root.put("estimand", r.estimand().name().toLowerCase(Locale.ROOT)).put("n", r.units()).put("kept", r.kept());
        ObjectNode est = root.putObject("estimates");
        for (ObservationalEffect.Estimate e : r.estimates().values()) {
            ObjectNode n = est.putObject(e.method());
            put(n, "estimate", e.estimate());
            put(n, "ci_low", e.ci().low());
            put(n, "ci_high", e.ci().high());
        }
        root.set("overlap", overlap(r.overlap()));
        return root;
    }

    private static Estimand estimand(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ate" -> Estimand.ATE;
            case "att" -> Estimand.ATT;
            default -> throw new IllegalArgumentException("--estimand must be ate or att, got '" + name + "'");
        };
    }

    private static ObjectNode overlap(OverlapDiagnostics o) {
        ObjectNode n = object();
        n.putObject("treated_propensity").put("min", o.treatedPropensityRange().low())
                .put("max", o.treatedPropensityRange().high());
        n.putObject("control_propensity").put("min", o.controlPropensityRange().low())
                .put("max", o.controlPropensityRange().high());
        n.put("trim_low", o.trimBounds().low()).put("trim_high", o.trimBounds().high())
                .put("trimmed", o.trimmed()).put("share_trimmed", o.shareTrimmed());
        ObjectNode balance = n.putObject("balance");
        for (OverlapDiagnostics.Balance b : o.balance()) {
            ObjectNode c = balance.putObject(b.covariate());
            put(c, "smd_before", b.smdBefore());
            put(c, "smd_after", b.smdAfter());
        }
        return n;
    }

    @Override
    String table(ObjectNode r) {
        TextTable t = new TextTable("method", r.get("estimand").asText().toUpperCase(Locale.ROOT), "95% CI");
        for (Iterator<Map.Entry<String, JsonNode>> it = r.get("estimates").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            t.row(e.getKey(), e.getValue().get("estimate"), TextTable.interval(e.getValue(), "ci_low", "ci_high"));
        }
        JsonNode o = r.get("overlap");
        TextTable b = new TextTable("covariate", "SMD before", "SMD after weighting");
        for (Iterator<Map.Entry<String, JsonNode>> it = o.get("balance").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> c = it.next();
            b.row(c.getKey(), c.getValue().get("smd_before"), c.getValue().get("smd_after"));
        }
        return t + String.format(Locale.ROOT, "%n%npropensity: treated [%.3f, %.3f], control [%.3f, %.3f]; trimmed "
                + "%d of %d (%.1f%%) outside [%.3g, %.3g]%n%n", o.at("/treated_propensity/min").asDouble(),
                o.at("/treated_propensity/max").asDouble(), o.at("/control_propensity/min").asDouble(),
                o.at("/control_propensity/max").asDouble(), o.get("trimmed").asInt(), r.get("n").asInt(),
                100 * o.get("share_trimmed").asDouble(), o.get("trim_low").asDouble(), o.get("trim_high").asDouble())
                + b;
    }
}
