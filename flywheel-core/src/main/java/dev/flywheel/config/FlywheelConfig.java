package dev.flywheel.config;

import dev.flywheel.quality.EventSuite;
import dev.flywheel.event.EventType;
import dev.flywheel.feature.FeatureCacheSettings;
import dev.flywheel.ingest.IngestSettings;
import dev.flywheel.loop.LoopSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole typed configuration, validated once at start-up and immutable afterwards. Each part
 * lists its keys; {@link #from(Map)} refuses unknown ones and names the key of every bad value.
 *
 * @param customEventTypes   event types beyond the built-in ones that this deployment accepts
 * @param rejectUnknownLoops refuse events and decisions that name a loop not configured here
 *                           ({@code events.unknown_loops: reject}); by default they are stored and
 *                           counted per loop name
 * @param alerts             where alerts are sent ({@code alerts.webhook})
 * @param expectations       expectation suites on the events ({@code expectations:}): row-level ones refuse
 *                           events at ingest, window-level ones alert
 * @param deployment         the shape this instance runs in ({@code mode:}) and the distributed shape's
 *                           {@code kafka:} and {@code postgres:} sections
 * @param featureCache       how a server of the distributed shape caches the feature state it reads
 *                           ({@code feature_cache:}); the embedded engine reads its own state
 */
public record FlywheelConfig(ServerSettings server, IngestSettings ingest, LogSettings log,
                             List<String> customEventTypes, boolean rejectUnknownLoops, List<LoopSpec> loops,
                             Duration autopilotTick, List<EventSuite> expectations, AlertSettings alerts,
                             Deployment deployment, FeatureCacheSettings featureCache) {

    /**
     * @param host         the address to bind; loopback unless the operator opens it up on purpose
     * @param maxBodyBytes requests with a larger body are refused with 413
     * @param maxBatch     the most records one request may carry
     * @param decideMaxLag how many of the log entries acknowledged before a decide request the stream
     *                     operators (features, learners, consumed items) may not have applied yet
     *                     when it is answered: decide waits until they have, up to {@code decideWait},
     *                     so that it ranks with the feedback sent before it rather than with a
     *                     state that an overloaded machine can leave far behind; 0 asks for every
     *                     entry acknowledged before the request
     * @param decideWait   the longest a decide waits for that; an answer that is still further behind
     *                     says so ({@code stream_lag}) and is counted
     * @param maxFactorsBytes the largest factors file a version may be registered with
     *                     ({@code POST /v1/loops/{loop}/versions/factors}): factorisations trained
     *                     outside the engine (Spark) hold every user's vector, far beyond a request's
     *                     usual {@code maxBodyBytes}
     */
    public record ServerSettings(String host, int port, long maxBodyBytes, int maxBatch, long decideMaxLag,
                                 Duration decideWait, long maxFactorsBytes) {
        public ServerSettings {
            if (decideMaxLag < 0) throw new IllegalArgumentException("decideMaxLag must not be negative");
            if (decideWait == null || decideWait.isNegative()) throw new IllegalArgumentException("decideWait must not be negative");
        }
    }

    /**
     * @param fsync        sync the log to disk before acknowledging (survives power loss, not just
     *                     a killed process)
     * @param segmentBytes the size at which the log rolls to a new segment file
     * @param checkpointEntries  the stream operators' state is checkpointed once at least this many
     *                           entries were applied since the last checkpoint ...
     * @param checkpointInterval ... and at least this long after it, so that a start replays only the
     *                           log after the latest checkpoint
     * @param checkpointsKept    how many checkpoints are kept: a corrupt one falls back to the one before
     * @param retention          how long after it was received a log entry is kept in the log's segment
     *                           files; an older closed segment that the store holds and a checkpoint reflects
     *                           is archived as Parquet and deleted (and old rows of the store's tables
     *                           move to the archive), read back transparently; null keeps every segment
     * @param retentionCheck     how often retention looks for segments to archive
     */
    public record LogSettings(boolean fsync, long segmentBytes, long checkpointEntries, Duration checkpointInterval,
                              int checkpointsKept, Duration retention, Duration retentionCheck) {
        public LogSettings {
            if (retention != null && (retention.isNegative() || retention.isZero())) {
                throw new IllegalArgumentException("retention must be positive, or null to keep every segment");
            }
            if (retentionCheck == null || retentionCheck.isNegative() || retentionCheck.isZero()) {
                throw new IllegalArgumentException("retentionCheck must be positive");
            }
        }
    }

    public FlywheelConfig {
        customEventTypes = List.copyOf(customEventTypes);
        loops = List.copyOf(loops);
        expectations = List.copyOf(expectations);
    }

    /** The names of the configured loops. */
    public Set<String> loopNames() {
        Set<String> out = new java.util.LinkedHashSet<>();
        loops.forEach(l -> out.add(l.name()));
        return out;
    }

    public java.util.Optional<LoopSpec> loop(String name) {
        return loops.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public static FlywheelConfig defaults() {
        return from(Map.of());
    }

    public static FlywheelConfig from(Map<String, ?> root) {
        ConfigTree t = new ConfigTree("", root);
        t.only(Set.of("server", "ingest", "log", "events", "loops", "autopilot", "expectations", "alerts", "mode", "kafka",
                "postgres", "feature_cache"));
        ConfigTree events = t.section("events");
        return new FlywheelConfig(server(t.section("server")), ingest(t.section("ingest")),
                log(t.section("log")), events(events), unknownLoops(events), loops(t), autopilotTick(t.section("autopilot")),
                expectations(t), AlertSettings.from(t.section("alerts")), Deployment.from(t),
                FeatureCacheSettings.from(t.section("feature_cache")));
    }

    private static List<EventSuite> expectations(ConfigTree t) {
        List<EventSuite> out = new java.util.ArrayList<>();
        for (ConfigTree s : t.sections("expectations")) out.add(EventSuite.from(s));
        return out;
    }

    /** The same config with another port, for {@code --port} on the command line. */
    public FlywheelConfig withPort(int port) {
        if (port < 0 || port > 65_535) throw new ConfigException("server.port", "must be between 0 and 65535, got " + port);
        return new FlywheelConfig(new ServerSettings(server.host(), port, server.maxBodyBytes(), server.maxBatch(),
                server.decideMaxLag(), server.decideWait(), server.maxFactorsBytes()),
                ingest, log, customEventTypes, rejectUnknownLoops, loops, autopilotTick, expectations, alerts, deployment, featureCache);
    }

    /** The same config with the autopilot ticking every {@code tick} (zero: only when the caller ticks it). */
    public FlywheelConfig withAutopilotTick(Duration tick) {
        return new FlywheelConfig(server, ingest, log, customEventTypes, rejectUnknownLoops, loops, tick, expectations, alerts,
                deployment, featureCache);
    }

    /** The same config with another deployment, for {@code --mode}, {@code --kafka}, {@code --postgres}. */
    public FlywheelConfig withDeployment(Deployment d) {
        return new FlywheelConfig(server, ingest, log, customEventTypes, rejectUnknownLoops, loops, autopilotTick, expectations,
                alerts, d, featureCache);
    }

    /** {@code autopilot.tick}: how often the lifecycle's rules look at the loops (0s: never on their own). */
    private static Duration autopilotTick(ConfigTree s) {
        s.only(Set.of("tick"));
        Duration tick = s.duration("tick", Duration.ofSeconds(1));
        if (tick.isNegative()) throw new ConfigException(s.keyOf("tick"), "must not be negative");
        return tick;
    }

    private static ServerSettings server(ConfigTree s) {
        s.only(Set.of("host", "port", "max_body_bytes", "max_batch", "decide_max_lag", "decide_wait", "max_factors_bytes"));
        Duration decideWait = s.duration("decide_wait", Duration.ofSeconds(2));
        if (decideWait.isNegative()) throw new ConfigException(s.keyOf("decide_wait"), "must not be negative");
        return new ServerSettings(s.string("host", "127.0.0.1"), s.integer("port", 8080, 0, 65_535),
                s.longValue("max_body_bytes", 16L << 20, 1_024, 1L << 30),
                s.integer("max_batch", 10_000, 1, 100_000), s.longValue("decide_max_lag", 1_000, 0, Long.MAX_VALUE), decideWait,
                // a factors file is read into one array: at most 2 GB minus headroom
                s.longValue("max_factors_bytes", 1L << 30, 1_024, 2_000_000_000L));
    }

    private static IngestSettings ingest(ConfigTree s) {
        s.only(Set.of("max_future_skew", "max_group_entries", "max_queued_batches"));
        Duration skew = s.duration("max_future_skew", Duration.ofHours(1));
        if (skew.isNegative()) throw new ConfigException("ingest.max_future_skew", "must not be negative");
        return new IngestSettings(skew, s.integer("max_group_entries", 50_000, 1, 10_000_000),
                s.integer("max_queued_batches", 4_096, 1, 1_000_000));
    }

    private static LogSettings log(ConfigTree s) {
        s.only(Set.of("fsync", "segment_bytes", "checkpoint_entries", "checkpoint_interval", "checkpoints_kept", "retention",
                "retention_check"));
        Duration interval = s.duration("checkpoint_interval", Duration.ofMinutes(1));
        if (interval.isNegative()) throw new ConfigException(s.keyOf("checkpoint_interval"), "must not be negative");
        Duration retention = s.duration("retention", null);
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new ConfigException(s.keyOf("retention"), "must be a positive duration such as 7d; leave it out to keep every segment");
        }
        Duration check = s.duration("retention_check", Duration.ofMinutes(1));
        if (check.isNegative() || check.isZero()) throw new ConfigException(s.keyOf("retention_check"), "must be a positive duration");
        // small segments are for tests of retention; a segment is never smaller than one ingest group anyway
        return new LogSettings(s.bool("fsync", true), s.longValue("segment_bytes", 256L << 20, 64L << 10, 1L << 40),
                s.longValue("checkpoint_entries", 100_000, 1, Long.MAX_VALUE), interval, s.integer("checkpoints_kept", 3, 2, 100),
                retention, check);
    }

    private static List<LoopSpec> loops(ConfigTree t) {
        List<LoopSpec> out = new java.util.ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (ConfigTree section : t.sections("loops")) {
            LoopSpec l = LoopSpec.from(section);
            if (!names.add(l.name())) throw new ConfigException(section.keyOf("name"), "repeats the loop name " + l.name());
            out.add(l);
        }
        return out;
    }

    private static boolean unknownLoops(ConfigTree s) {
        String policy = s.string("unknown_loops", "count");
        if (!policy.equals("count") && !policy.equals("reject")) {
            throw new ConfigException(s.keyOf("unknown_loops"), "must be count or reject, got " + policy);
        }
        return policy.equals("reject");
    }

    private static List<String> events(ConfigTree s) {
        s.only(Set.of("custom_types", "unknown_loops"));
        List<String> types = s.strings("custom_types");
        for (int i = 0; i < types.size(); i++) {
            if (!EventType.validName(types.get(i))) {
                throw new ConfigException("events.custom_types[" + i + "]", "must match [a-z][a-z0-9_]{0,63}, got '" + types.get(i) + "'");
            }
        }
        return types;
    }
}
