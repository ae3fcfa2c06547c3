package dev.flywheel.flink.bench;

import dev.flywheel.flink.ServingStateSink;
import dev.flywheel.flink.FlinkJob;
import dev.flywheel.flink.FlywheelTypes;
import dev.flywheel.flink.JobOutputs;
import dev.flywheel.flink.JobSettings;
import dev.flywheel.store.postgres.LocalPostgres;
import dev.flywheel.log.LogEntry;
import dev.flywheel.store.postgres.PostgresFeatureStates;
import dev.flywheel.store.postgres.PostgresSettings;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Feedback-to-feature latency of the distributed shape (issue 11's goal: p99 ≤ 2 s): synthetic
 * entries are handed to the job's source at a steady rate; the time each is handed on is recorded;
 * a poller reads the loop's global feature row in PostgreSQL every few milliseconds, whose position
 * is the last entry applied when its batch was drained (every key an entry changed is written in
 * the same transaction as that row). An entry's latency is when its position was first seen minus
 * when the source handed it on. A benchmark, not a test: run it alone, it asserts nothing of time.
 *
 * <pre>mvn -pl flywheel-flink -am test -Dtest=FeatureLatencyBench -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.rate=1000 -Dbench.seconds=30 -Dbench.feature_flush=500ms -Dbench.checkpoint_interval=10s</pre>
 */
class FeatureLatencyBench {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    /** When each entry was handed on by the source, in nanos (the MiniCluster runs in this JVM). */
    static long[] emitted;

    /** The synthetic feed, recording when each entry leaves the source. */
    static final class TimedFeed implements org.apache.flink.connector.datagen.source.GeneratorFunction<Long, LogEntry> {
        private final SyntheticFeed feed = new SyntheticFeed(100_000, 10_000);

        @Override
        public LogEntry map(Long i) {
            LogEntry e = feed.entry(i);
            emitted[i.intValue()] = System.nanoTime();
            return e;
        }
    }

    @Test
    void measure() throws Exception {
        int rate = Integer.getInteger("bench.rate", 1000);
        int seconds = Integer.getInteger("bench.seconds", 30);
        String flush = System.getProperty("bench.feature_flush", "500ms");
        int n = rate * seconds;
        emitted = new long[n];
        PostgresSettings pg = LocalPostgres.shared().freshSchema("f", 2);
        PostgresFeatureStates.open(pg).close(); // the schema exists before the poller reads it
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        String checkpoints = System.getProperty("bench.checkpoint_interval", "10s");
        JobSettings settings = JobSettings.from(FlinkJobBench.CONFIG, Map.of("feature_flush", flush, "checkpoint_interval", checkpoints));
        FlinkJob.configure(env, settings);
        org.apache.flink.configuration.Configuration files = new org.apache.flink.configuration.Configuration();
        files.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        files.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createTempDirectory("latency-checkpoints").toUri().toString());
        env.configure(files);
        DataGeneratorSource<LogEntry> source = new DataGeneratorSource<>(new TimedFeed(), n, RateLimiterStrategy.perSecond(rate),
                FlywheelTypes.LOG_ENTRY);
        JobOutputs out = FlinkJob.wire(env.fromSource(source, WatermarkStrategy.noWatermarks(), "timed").setParallelism(1), settings, true);
        String url = pg.url();
        String schema = pg.schema();
        ServingStateSink.attach(out, () -> PostgresFeatureStates.open(new PostgresSettings(url, schema, 2)));
        JobClient job = env.executeAsync("feature-latency");
        long[] latency = poll(pg, n, System.nanoTime() + Duration.ofSeconds(seconds * 3L + 60).toNanos());
        job.getJobExecutionResult().get();
        report(latency, rate, seconds, flush + "\",\"checkpoint_interval\":\"" + checkpoints);
    }

    /** Every entry's latency in nanos, from the global row's position as the poller first sees it. */
    private static long[] poll(PostgresSettings pg, int n, long deadline) throws Exception {
        long[] latency = new long[n];
        long seen = -1;
        try (Connection c = DriverManager.getConnection(pg.url()); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + pg.schema());
            while (seen < n - 1) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the job applied " + (seen + 1) + " of " + n);
                try (ResultSet r = s.executeQuery("SELECT seq FROM feature_states WHERE loop = 'feed' AND kind = 0")) {
                    long now = System.nanoTime();
                    long at = r.next() ? r.getLong(1) : -1;
                    for (long i = seen + 1; i <= at; i++) latency[(int) i] = now - emitted[(int) i];
                    seen = Math.max(seen, at);
                }
                Thread.sleep(5);
            }
        }
        return latency;
    }

    /** Over every entry, and over those after the first five seconds (the job warming up: JIT, pools). */
    private static void report(long[] latency, int rate, int seconds, String flush) throws Exception {
        String load = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        System.out.printf(Locale.ROOT, "{\"rate\":%d,\"seconds\":%d,\"feature_flush\":\"%s\",\"entries\":%d,\"all\":%s,"
                        + "\"after_5s\":%s,\"loadavg\":\"%s\",\"cores\":%d}%n", rate, seconds, flush, latency.length,
                stats(latency), stats(Arrays.copyOfRange(latency, Math.min(latency.length - 1, rate * 5), latency.length)), load,
                Runtime.getRuntime().availableProcessors());
    }

    private static String stats(long[] latency) {
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "{\"p50_ms\":%.0f,\"p90_ms\":%.0f,\"p99_ms\":%.0f,\"max_ms\":%.0f}", pct(sorted, 0.50),
                pct(sorted, 0.90), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
}
