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
 * {@code --checkpoint-rebase} times it, 2; 0: whole states every time; the servers' state drained every {@code --feature-flush}, 500ms) on a local MiniCluster at parallelism 1; {@code --mode direct} applies the
 * same entries to the same topology in this thread, as the embedded runner would. Prints one JSON
 * line: entries, wall seconds, entries/s, process CPU seconds and entries per CPU second; with
 * {@code --warmup N}, also the same from entry N on ({@code after_warmup}): a job runs for days, and
 * the first seconds of a JVM pay for its compiler and for the first touch of every heap page; and from
 * entry N to the last entry made ({@code to_last_entry}), without the end of the bounded input.
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
        long warmup = Long.parseLong(arg(args, "--warmup", "0"));
        if (warmup < 0 || warmup >= events) throw new IllegalArgumentException("--warmup must be at least 0 and below --events");
        Marked feed = new Marked(new SyntheticFeed(users, items), warmup, events - 1);
        long[] start = {cpu(), System.nanoTime()};
        long outcomes = mode.equals("direct") ? direct(events, feed)
                : flink(events, feed, arg(args, "--checkpoint-interval", "10s"), arg(args, "--checkpoint-rebase", "2"),
                        arg(args, "--feature-flush", "500ms"));
        long[] end = {cpu(), System.nanoTime()};
        String after = Marked.at == null ? "" : ",\"after_warmup\":" + rates(events - warmup, Marked.at, end)
                + ",\"to_last_entry\":" + rates(events - 1 - warmup, Marked.at, Marked.last);
        String all = rates(events, start, end);
        System.out.printf(Locale.ROOT, "{\"mode\":\"%s\",\"outcomes\":%d,%s%s}%n", mode, outcomes, all.substring(1, all.length() - 1), after);
    }

    /** Entries, wall seconds, entries/s, CPU seconds and entries per CPU second between two marks. */
    private static String rates(long entries, long[] from, long[] to) {
        double seconds = (to[1] - from[1]) / 1e9;
        double cpuSeconds = (to[0] - from[0]) / 1e9;
        return String.format(Locale.ROOT, "{\"entries\":%d,\"seconds\":%.2f,\"entries_per_second\":%.0f,\"cpu_seconds\":%.2f,"
                + "\"entries_per_cpu_second\":%.0f}", entries, seconds, entries / seconds, cpuSeconds, entries / cpuSeconds);
    }

    /**
     * The feed, noting the process's CPU and the time when entry {@code mark} is made (0: never) and
     * when the last is. The source runs in this JVM (a MiniCluster), so static fields carry the notes
     * out of the job. The source is chained to the topology, so when the last entry is made all before
     * it have been applied: from the mark to it is a running job's cost, without what only the end of a
     * bounded input pays (its final idle and state, the last checkpoint, the job's shutdown).
     */
    static final class Marked implements org.apache.flink.connector.datagen.source.GeneratorFunction<Long, dev.flywheel.log.LogEntry> {
        static volatile long[] at;
        static volatile long[] last;
        private final SyntheticFeed feed;
        private final long mark;
        private final long end;

        Marked(SyntheticFeed feed, long mark, long end) {
            this.feed = feed;
            this.mark = mark;
            this.end = end;
        }

        @Override
        public dev.flywheel.log.LogEntry map(Long index) {
            return entry(index);
        }

        dev.flywheel.log.LogEntry entry(long i) {
            if (i == mark && mark > 0) at = new long[] {cpu(), System.nanoTime()};
            if (i == end) last = new long[] {cpu(), System.nanoTime()};
            return feed.entry(i);
        }
    }

    private static long direct(long events, Marked feed) {
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

    private static long flink(long events, Marked feed, String checkpointInterval, String rebase, String flush) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        boolean checkpointed = !checkpointInterval.equals("off");
        JobSettings settings = JobSettings.from(CONFIG,
                checkpointed ? java.util.Map.of("checkpoint_interval", checkpointInterval, "checkpoint_rebase", Double.parseDouble(rebase),
                        "feature_flush", flush) : java.util.Map.of("feature_flush", flush));
        if (checkpointed) FlinkJob.configure(env, settings);
        // as a cluster would be set up: checkpoints in files (the job manager's memory takes 5 MB at
        // most), and a failure stops the run instead of restarting it unseen
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, Files.createTempDirectory("flink-bench-checkpoints").toUri().toString());
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        c.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
        env.configure(c);
        DataGeneratorSource<dev.flywheel.log.LogEntry> source = new DataGeneratorSource<>(feed, events,
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
