package dev.flywheel.cli.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.analysis.Funnel;
import dev.flywheel.analysis.FunnelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flywheel analyze funnel}: ordered step conversion within a window from an event CSV. */
@Command(name = "funnel", mixinStandardHelpOptions = true,
        description = "Users reaching each ordered step within the window, step conversion and drop-off with "
                + "Wilson intervals, per group.")
final class FunnelCommand extends AnalysisCommand {
    @Option(names = "--csv", required = true, description = "Event CSV, one row per event.")
    Path csv;

    @Option(names = "--user", required = true, description = "User column.")
    String user;

    @Option(names = "--step", required = true, description = "Event-type column.")
    String step;

    @Option(names = "--time", required = true, description = "Timestamp column (ISO-8601, date, or epoch s/ms).")
    String time;

    @Option(names = "--steps", required = true, split = ",", description = "Ordered steps, comma-separated.")
    List<String> steps;

    @Option(names = "--window", defaultValue = "7d", description = "Window from entry: 7d, 12h, 30m, PT36H (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--by", description = "Group column (arm, model version, segment).")
    String by;

    @Option(names = "--confidence", defaultValue = "0.95", description = "Confidence level (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Override
    ObjectNode analyze() throws IOException {
        FunnelSpec s = new FunnelSpec(user, step, time, steps, FunnelSpec.parseWindow(window), by, confidence);
        Funnel f = Funnel.analyze(read(csv, "--csv"), s);
        ObjectNode root = object();
        steps.forEach(root.putArray("steps")::add);
        root.put("window", s.window().toString());
        ObjectNode groups = root.putObject("groups");
        f.groups().forEach((g, list) -> {
            ArrayNode arr = groups.putArray(g);
            list.forEach(st -> arr.add(step(st)));
        });
        return root;
    }

    private static ObjectNode step(Funnel.Step s) {
        ObjectNode n = object();
        n.put("step", s.step()).put("users", s.users());
        if (s.fromPrevious() != null) {
            put(n, "conversion", s.fromPrevious().rate());
            put(n, "ci_low", s.fromPrevious().interval().low());
            put(n, "ci_high", s.fromPrevious().interval().high());
            put(n, "drop_off", s.dropOff());
            put(n, "drop_off_ci_low", s.dropOffCi().low());
            put(n, "drop_off_ci_high", s.dropOffCi().high());
        }
        put(n, "from_start", s.fromStart().rate());
        put(n, "from_start_ci_low", s.fromStart().interval().low());
        put(n, "from_start_ci_high", s.fromStart().interval().high());
        return n;
    }

    @Override
    String table(ObjectNode r) {
        TextTable t = new TextTable("group", "step", "users", "step conv.", "95% CI", "drop-off", "from start",
                "95% CI");
        for (Iterator<Map.Entry<String, JsonNode>> it = r.get("groups").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> g = it.next();
            for (JsonNode s : g.getValue()) {
                boolean first = !s.has("conversion");
                t.row(g.getKey(), s.get("step"), s.get("users"), s.get("conversion"),
                        first ? null : TextTable.interval(s, "ci_low", "ci_high"), s.get("drop_off"),
                        s.get("from_start"), TextTable.interval(s, "from_start_ci_low", "from_start_ci_high"));
            }
        }
        return "window " + r.get("window").asText() + "\n" + t;
    }
}
