package dev.flywheel.cli.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.analysis.Funnel;
import dev.flywheel.analysis.Table;
import dev.flywheel.store.duckdb.DuckDbFunnelSource;
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
    @Option(names = "--csv", description = "Event CSV, one row per event; exactly one of --csv and --data.")
    Path csv;

    @Option(names = "--data", description = "Data directory of an engine: the events of --loop from its store.")
    Path data;

    @Option(names = "--loop", description = "Loop whose events form the funnel (with --data).")
    String loop;

    @Option(names = "--user", description = "User column (with --csv).")
    String user;

    @Option(names = "--step", description = "Event-type column (with --csv).")
    String step;

    @Option(names = "--time", description = "Timestamp column, ISO-8601, date, or epoch s/ms (with --csv).")
    String time;

    @Option(names = "--steps", required = true, split = ",", description = "Ordered steps, comma-separated.")
    List<String> steps;

    @Option(names = "--window", defaultValue = "7d", description = "Window from entry: 7d, 12h, 30m, PT36H (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--by", description = "Group column (arm, model version, segment); with --data: arm or model.")
    String by;

    @Option(names = "--confidence", defaultValue = "0.95", description = "Confidence level (default: ${DEFAULT-VALUE}).")
    double confidence;

    @Override
    ObjectNode analyze() throws IOException {
        if ((csv == null) == (data == null)) throw new IllegalArgumentException("give exactly one of --csv FILE and --data DIR");
        Funnel f = data == null ? fromCsv() : fromStore();
        FunnelSpec s = new FunnelSpec("u", "s", "t", steps, FunnelSpec.parseWindow(window), null, confidence);
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

    private Funnel fromCsv() throws IOException {
        if (user == null || step == null || time == null) throw new IllegalArgumentException("--csv needs --user, --step and --time");
        return Funnel.analyze(read(csv, "--csv"), new FunnelSpec(user, step, time, steps, FunnelSpec.parseWindow(window), by, confidence));
    }

    private Funnel fromStore() throws IOException {
        if (loop == null) throw new IllegalArgumentException("--data needs --loop");
        try (StoreAccess store = StoreAccess.open(data)) {
            Table events = DuckDbFunnelSource.events(store.connection(), loop, steps, by);
            FunnelSpec spec = new FunnelSpec(DuckDbFunnelSource.USER, DuckDbFunnelSource.STEP, DuckDbFunnelSource.TIME,
                    steps, FunnelSpec.parseWindow(window), by == null ? null : DuckDbFunnelSource.GROUP, confidence);
            return Funnel.analyze(events, spec);
        } catch (java.sql.SQLException e) {
            throw new IllegalArgumentException("--data: query failed: " + e.getMessage(), e);
        }
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
