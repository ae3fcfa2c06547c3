package dev.flywheel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.cli.engine.EngineStorage;
import dev.flywheel.cli.importer.Counts;
import dev.flywheel.cli.importer.ImportReport;
import dev.flywheel.cli.importer.Importer;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.log.LogException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flywheel import}: bulk-load a product's history (items, events, decisions) into a data directory. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load a history of events, catalog items and decisions (CSV, TSV, JSON lines or Parquet) "
                + "into a data directory, through the same validation, dedupe and quarantine as the HTTP API. "
                + "Importing a file again stores nothing twice.")
public final class ImportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "data directory (created if missing; no server may be running on it)")
    Path data;

    @Option(names = "--events", description = "events file; without a mapping its columns are the fields of POST /v1/events")
    Path events;

    @Option(names = "--items", description = "catalog items file; without a mapping: id, title, body, topics, attributes, published")
    Path items;

    @Option(names = "--decisions", description = "decisions, JSON lines in the format of POST /v1/decisions")
    Path decisions;

    @Option(names = "--mapping", description = "YAML mapping of the files' columns to records (see docs/import.md)")
    Path mapping;

    @Option(names = "--format", description = "csv, tsv, jsonl or parquet (default: from the file extension)")
    String format;

    @Option(names = "--config", description = "flywheel.yaml (custom event types, ingest settings)")
    Path config;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (events == null && items == null && decisions == null) {
            throw new IllegalArgumentException("give at least one of --events, --items and --decisions");
        }
        FlywheelConfig cfg = ConfigFiles.load(config);
        ImportReport report;
        try (EngineStorage storage = open(cfg)) {
            report = new Importer(storage, cfg, Clock.systemUTC(), new StderrListener())
                    .run(new Importer.Request(events, items, decisions, format, mapping));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? JSON.writeValueAsString(toJson(report)) : table(report));
        out.flush();
        return 0;
    }

    private EngineStorage open(FlywheelConfig cfg) {
        try {
            return EngineStorage.open(data, cfg, Clock.systemUTC());
        } catch (LogException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("another Flywheel process")) {
                throw new IllegalArgumentException("--data: " + data + " is in use by a running Flywheel server "
                        + "(one process per data directory); stop it, then import", e);
            }
            throw e;
        }
    }

    static ObjectNode toJson(ImportReport r) {
        ObjectNode root = JSON.createObjectNode();
        counts(root.putObject("events"), r.events());
        counts(root.putObject("items"), r.items());
        counts(root.putObject("decisions"), r.decisions());
        root.put("seconds", r.seconds());
        root.put("events_per_second", Math.round(r.eventsPerSecond()));
        root.put("store_seconds", r.storeSeconds());
        var samples = root.putArray("rejected_samples");
        r.samples().forEach(s -> samples.addObject().put("kind", s.kind()).put("row", s.row()).put("reason", s.reason()));
        return root;
    }

    private static void counts(ObjectNode o, Counts c) {
        o.put("read", c.read()).put("accepted", c.accepted()).put("duplicates", c.duplicates()).put("rejected", c.rejected());
    }

    static String table(ImportReport r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %12s %12s %12s %10s%n", "", "read", "accepted", "duplicates", "rejected"));
        row(sb, "events", r.events());
        row(sb, "items", r.items());
        row(sb, "decisions", r.decisions());
        sb.append(String.format(Locale.ROOT, "%.2f s to the durable log, %,d events/s; store caught up %.2f s later",
                r.seconds(), Math.round(r.eventsPerSecond()), r.storeSeconds()));
        if (!r.samples().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nquarantined (first %d; all: GET /v1/quarantine):", r.samples().size()));
            r.samples().forEach(s -> sb.append(String.format(Locale.ROOT, "%n  %s row %d: %s", s.kind(), s.row(), s.reason())));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String kind, Counts c) {
        sb.append(String.format(Locale.ROOT, "%-10s %,12d %,12d %,12d %,10d%n", kind, c.read(), c.accepted(), c.duplicates(), c.rejected()));
    }

    /**
     * Phases as lines on stderr, stamped with the wall time since the start and the process's CPU
     * time (on a shared machine the CPU time says what a phase costs, the wall time what it waited),
     * and the event rows as a bar.
     */
    private static final class StderrListener implements Importer.Listener {
        private final long start = System.nanoTime();
        private Progress bar;

        @Override
        public void phase(String message) {
            System.err.printf(Locale.ROOT, "import: %6.1f s (cpu %6.1f s)  %s%n", (System.nanoTime() - start) / 1e9, cpuSeconds(), message);
        }

        private static double cpuSeconds() {
            var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
        }

        @Override
        public void progress(long done, long total) {
            if (bar == null) {
                phase("sorted; writing events to the log");
                bar = new Progress("import: writing events", total);
            }
            bar.step(done);
        }

        @Override
        public void finished() {
            if (bar != null) bar.done();
            phase("events written");
        }
    }
}
