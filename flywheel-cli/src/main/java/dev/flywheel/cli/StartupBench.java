package dev.flywheel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.bench.LearnerCatchUp;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.store.file.SegmentedFileLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flywheel bench startup}: how long the embedded engine takes to start over a logged history,
 * first with nothing but the log (the store is filled and every operator replays it), then again from
 * the checkpoint the first engine wrote when it closed. A start is timed until the engine is open:
 * its stream has caught up with the log.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = "Start-up over a logged rating history: a full replay, then a start from the checkpoint left at close.")
final class StartupBench implements Runnable {
    @Option(names = "--events", defaultValue = "1000000", description = "events in the logged history") long events;
    @Option(names = "--seed", defaultValue = "8", description = "seed of the synthetic history") long seed;
    @Option(names = "--json", description = "print JSON") boolean json;
    @Option(names = "--data", description = "keep the history and its checkpoints in this directory; when it already"
            + " holds them, the history is not written again and every start is timed as a start from the checkpoint")
    Path data;
    @Option(names = "--starts", defaultValue = "1", description = "starts from the checkpoint, one after another") int starts;

    static FlywheelConfig config() {
        return FlywheelConfig.from(Map.of("log", Map.of("fsync", false), "loops", List.of(Map.of("name", "history",
                "reward", Map.of("weights", Map.of("like", 1, "dislike", -1)),
                "candidates", Map.of("consumed", List.of("impression", "like", "dislike"))))));
    }

    @Override
    public void run() {
        boolean reuse = data != null && Files.isDirectory(data.resolve("checkpoints"));
        Path dir = data != null ? data : TempDirs.create("flywheel-bench-startup");
        try {
            ObjectNode out = new ObjectMapper().createObjectNode().put("events", events)
                    .put("cores", Runtime.getRuntime().availableProcessors());
            if (!reuse) {
                long t = System.nanoTime();
                try (SegmentedFileLog log = new SegmentedFileLog(dir.resolve("log"), false, 256L << 20)) {
                    LearnerCatchUp.write(log, events, seed);
                }
                out.put("write_seconds", seconds(t));
                start(dir, out, "replay");
            }
            for (int i = 1; i <= starts; i++) start(dir, out, starts == 1 ? "checkpoint" : "checkpoint_" + i);
            // after the starts: reading the file first would warm what a start reads
            out.put("checkpoint_bytes", bytes(dir.resolve("checkpoints")));
            var sizes = out.putObject("checkpoint_bytes_by_operator");
            new dev.flywheel.store.file.FileCheckpointStore(dir.resolve("checkpoints"), 3).latest()
                    .ifPresent(c -> c.parts().forEach((op, state) -> sizes.put(op, state.length())));
            System.out.println(json ? out.toString() : out.toPrettyString());
        } finally {
            if (data == null) TempDirs.deleteQuietly(dir);
        }
    }

    private static void start(Path dir, ObjectNode out, String name) {
        long t = System.nanoTime();
        long cpu = cpuNanos();
        Engine engine = Engine.open(dir, config(), Clock.systemUTC(), null);
        out.put(name + "_start_seconds", seconds(t)).put(name + "_start_cpu_seconds", Math.round((cpuNanos() - cpu) / 1e6) / 1e3)
                .put(name + "_jvm_uptime_seconds", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3)
                .put(name + "_started_after_seq", engine.streamStart().after());
        engine.topology().loops().forEach((loop, l) -> {
            if (l.features() instanceof dev.flywheel.feature.InMemoryFeedbackFeatures f) {
                int[] stored = f.storedUsers();
                out.put(name + "_users_left_undecoded", stored[0]).put(name + "_of_them_decoded_at_next_compaction", stored[1]);
            }
        });
        ObjectNode phases = out.putObject(name + "_start_phases");
        engine.startSeconds().forEach((phase, s) -> phases.put(phase, Math.round(s * 1e3) / 1e3));
        engine.streamStart().seconds().forEach((op, s) -> phases.put("restore " + op, Math.round(s * 1e3) / 1e3));
        long c = System.nanoTime();
        engine.close();
        out.put(name + "_close_seconds", seconds(c));
        System.gc();
        Runtime rt = Runtime.getRuntime();
        out.put(name + "_heap_mb_after_close", (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** CPU time of the whole process: on a shared machine, what a start cost apart from waiting for a core. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e6) / 1e3;
    }

    private static long bytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).max().orElse(0);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
