package dev.flywheel.flink.bench;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.flink.FlinkJob;
import dev.flywheel.flink.FlywheelTypes;
import dev.flywheel.flink.JobOutputs;
import dev.flywheel.flink.JobSettings;
import dev.flywheel.flink.Tables;
import dev.flywheel.flink.Upserts;
import dev.flywheel.flink.internal.ConfigText;
import dev.flywheel.flink.internal.TopologyRun;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Throughput of the outcome join and the features, one loop that serves nothing ({@code model:
 * external}, no monitors): {@code --mode flink} runs the job (dedupe, topology, committing sinks,
 * checkpoints every {@code --checkpoint-interval}, 10 s, into files; {@code off}: none, and no row
 * is committed; the features and the join as a base and change sets, a new base once those reach
 * {@code --checkpoint-rebase} times it, 2; 0: whole states every time) on a local MiniCluster at parallelism 1; {@code --mode direct} applies the
 * same entries to the same topology in this thread, as the embedded runner would. Prints one JSON
 * line: entries, wall seconds, entries/s, process CPU seconds and entries per CPU second.
 *
 * <pre>java -cp ... dev.flywheel.flink.bench.FlinkJobBench --mode flink --events 2000000</pre>
 */
public final class FlinkJobBench {
    static final String CONFIG = "loops:\n  - name: feed\n    model: external\n    quality: {enabled: false}\n";

    private FlinkJobBench() { }

    public static void main(String[] args) throws Exception {
        String mode = arg(args, "--mode", "flink");
        long events = Long.parseLong(arg(args, "--events", "2000000"));
        int users = Integer.parseInt(arg(args, "--users", "100000"));
        int items = Integer.parseInt(arg(args, "--items", "10000"));
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        long outcomes = mode.equals("direct") ? direct(events, users, items)
                : flink(events, users, items, arg(args, "--checkpoint-interval", "10s"), arg(args, "--checkpoint-rebase", "2"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (cpu() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "{\"mode\":\"%s\",\"entries\":%d,\"outcomes\":%d,\"seconds\":%.2f,\"entries_per_second\":%.0f,"
                        + "\"cpu_seconds\":%.2f,\"entries_per_cpu_second\":%.0f}%n", mode, events, outcomes, seconds, events / seconds,
                cpuSeconds, events / cpuSeconds);
    }

    private static long direct(long events, int users, int items) {
        SyntheticFeed feed = new SyntheticFeed(users, items);
        AtomicLong outcomes = new AtomicLong();
        try (TopologyRun run = new TopologyRun(ConfigText.parse(CONFIG), new Counting(outcomes))) {
            for (long i = 0; i < events; i++) {
                run.apply(feed.entry(i));
                if (i % 10_000 == 9_999) run.flush();
            }
            run.idle();
            long t = System.nanoTime();
            var c = run.checkpoint(Instant.EPOCH);
            System.err.printf(Locale.ROOT, "checkpoint at the end: %.2f s, %d bytes: %s%n", (System.nanoTime() - t) / 1e9,
                    c.states().values().stream().mapToLong(b -> b.length).sum(), sizes(c));
        }
        return outcomes.get();
    }

    private static long flink(long events, int users, int items, String checkpointInterval, String rebase) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        boolean checkpointed = !checkpointInterval.equals("off");
        JobSettings settings = JobSettings.from(CONFIG,
                checkpointed ? java.util.Map.of("checkpoint_interval", checkpointInterval, "checkpoint_rebase", Double.parseDouble(rebase)) : java.util.Map.of());
        if (checkpointed) FlinkJob.configure(env, settings);
        // as a cluster would be set up: checkpoints in files (the job manager's memory takes 5 MB at
        // most), and a failure stops the run instead of restarting it unseen
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, Files.createTempDirectory("flink-bench-checkpoints").toUri().toString());
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        c.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        env.configure(c);
        DataGeneratorSource<dev.flywheel.log.LogEntry> source = new DataGeneratorSource<>(new SyntheticFeed(users, items), events,
                RateLimiterStrategy.noOp(), FlywheelTypes.LOG_ENTRY);
        JobOutputs out = FlinkJob.wire(env.fromSource(source, WatermarkStrategy.noWatermarks(), "synthetic-feed"), settings, checkpointed);
        out.commitTo(new DiscardingTables());
        JobExecutionResult r = env.execute("flink-job-bench");
        System.err.printf(Locale.ROOT, "job net runtime %.2f s%n", r.getNetRuntime() / 1e3);
        return DiscardingTables.OUTCOMES.get();
    }

    /** Tables that count the rows committed: the sink's own cost without a database's. */
    static final class DiscardingTables implements Tables {
        static final AtomicLong OUTCOMES = new AtomicLong();

        @Override
        public Upserts<Outcome> outcomes() {
            return rows -> OUTCOMES.addAndGet(rows.size());
        }

        @Override
        public Upserts<Unjoined> unjoined() {
            return rows -> { };
        }

        @Override
        public Upserts<ServedFeatures> servedFeatures() {
            return rows -> { };
        }

        @Override
        public Upserts<Alert> alerts() {
            return rows -> { };
        }
    }

    private record Counting(AtomicLong outcomes) implements TopologyRun.Outputs {
        @Override
        public void outcome(Outcome o) {
            outcomes.incrementAndGet();
        }

        @Override
        public void unjoined(Unjoined u) { }

        @Override
        public void served(ServedFeatures f) { }

        @Override
        public void alert(Alert a) { }
    }

    private static String sizes(dev.flywheel.state.Checkpoint c) {
        StringBuilder out = new StringBuilder();
        c.states().forEach((name, b) -> out.append(name).append('=').append(b.length).append(' '));
        return out.toString().trim();
    }

    private static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return dflt;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

}
