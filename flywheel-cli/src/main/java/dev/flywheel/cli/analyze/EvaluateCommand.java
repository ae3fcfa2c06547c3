package dev.flywheel.cli.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.analysis.RankingMetrics;
import dev.flywheel.analysis.ReplayEvaluation;
import dev.flywheel.cli.ConfigFiles;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.loop.LoopSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flywheel evaluate}: replay evaluation of a loop's model on the history in a data directory. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Replay evaluation: split each user's history (temporal or random), train the loop's model on the "
                + "training part as the engine would, rank for every test user without logging decisions, and report "
                + "precision, recall, nDCG, MAP, hit rate and coverage at k for the model, popularity and random.")
public final class EvaluateCommand extends AnalysisCommand {
    @Option(names = "--data", required = true, description = "Data directory of an engine (its event log is read).")
    Path data;

    @Option(names = "--loop", required = true, description = "The loop to evaluate.")
    String loop;

    @Option(names = "--config", description = "flywheel.yaml declaring the loop (its model, reward and candidates).")
    Path config;

    @Option(names = "--split", defaultValue = "temporal", description = "temporal (each user's latest items are the "
            + "test) or random (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "Share of each user's items held out (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--k", defaultValue = "10", description = "Length of each ranking (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--relevant", split = ",", description = "Reactions that make a held-out item relevant (default: the "
            + "loop's reward types of the largest weight, e.g. like).")
    List<String> relevant;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the random split, the random baseline and the bootstrap.")
    long seed;

    @Option(names = "--bootstrap", defaultValue = "1000", description = "Bootstrap resamples of users (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Override
    ObjectNode analyze() throws IOException {
        FlywheelConfig cfg = ConfigFiles.load(config);
        LoopSpec loopSpec = cfg.loop(loop).orElseThrow(() -> new IllegalArgumentException("--loop '" + loop
                + "' is not declared in " + (config == null ? "the default config (give --config)" : config)));
        ReplayEvaluation.Options o = new ReplayEvaluation.Options(split(), testFraction, k,
                relevant == null ? java.util.Set.of() : new LinkedHashSet<>(relevant), seed, bootstrap, 0.95);
        try (LogAccess log = LogAccess.open(data, cfg.log().segmentBytes())) {
            return json(ReplayEvaluation.run(loopSpec, log::entries, o, m -> spec.commandLine().getErr().println("evaluate: " + m)));
        }
    }

    private ReplayEvaluation.Split split() {
        try {
            return ReplayEvaluation.Split.valueOf(split.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--split must be temporal or random, got '" + split + "'");
        }
    }

    private ObjectNode json(ReplayEvaluation.Report r) {
        ObjectNode root = object();
        root.put("k", r.k()).put("users", r.users()).put("split", split.toLowerCase(Locale.ROOT)).put("test_fraction", testFraction)
                .put("model", r.model()).put("training_entries", r.trainingEntries());
        r.relevantTypes().forEach(root.putArray("relevant")::add);
        ObjectNode policies = root.putObject("policies");
        r.policies().forEach((name, p) -> policy(policies.putObject(name), p));
        ObjectNode vs = root.putObject("vs_popularity");
        put(vs, "ndcg_ratio", r.ndcgRatio());
        ArrayNode ci = vs.putArray("ndcg_difference_ci");
        ci.add(r.ndcgDifference().low()).add(r.ndcgDifference().high());
        return root;
    }

    private static void policy(ObjectNode n, ReplayEvaluation.PolicyResult p) {
        RankingMetrics.Summary s = p.summary();
        n.put("precision", s.precision()).put("recall", s.recall()).put("ndcg", s.ndcg()).put("map", s.meanAveragePrecision())
                .put("hit_rate", s.hitRate()).put("coverage", s.coverage());
        n.putArray("ndcg_ci").add(p.ndcgInterval().low()).add(p.ndcgInterval().high());
    }

    @Override
    String table(ObjectNode r) {
        TextTable t = new TextTable("policy", "ndcg@" + r.get("k").asInt(), "95% CI", "precision", "recall", "map", "hit rate", "coverage");
        for (Iterator<Map.Entry<String, JsonNode>> it = r.get("policies").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode v = p.getValue();
            t.row(p.getKey(), v.get("ndcg"), "[" + TextTable.format(v.get("ndcg_ci").get(0)) + ", " + TextTable.format(v.get("ndcg_ci").get(1)) + "]",
                    v.get("precision"), v.get("recall"), v.get("map"), v.get("hit_rate"), v.get("coverage"));
        }
        JsonNode vs = r.get("vs_popularity");
        return t + String.format(Locale.ROOT, "%n%n%d test users; %s nDCG = %.3f x popularity, paired difference [%s, %s]",
                r.get("users").asInt(), r.get("model").asText(), vs.get("ndcg_ratio").asDouble(),
                TextTable.format(vs.get("ndcg_difference_ci").get(0)), TextTable.format(vs.get("ndcg_difference_ci").get(1)));
    }
}
