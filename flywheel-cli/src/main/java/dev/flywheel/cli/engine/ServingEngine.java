package dev.flywheel.cli.engine;

import dev.flywheel.auth.KeyRing;
import dev.flywheel.auth.Scope;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.ConfigException;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.ingest.IngestPipeline;
import dev.flywheel.kafka.KafkaLogWriter;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.quality.AlertBoard;
import dev.flywheel.server.FlywheelServer;
import dev.flywheel.store.postgres.PostgresAlertLog;
import dev.flywheel.store.postgres.PostgresAuditLog;
import dev.flywheel.store.postgres.PostgresDatabase;
import dev.flywheel.store.postgres.PostgresKeyStore;
import dev.flywheel.store.postgres.PostgresModelStore;
import dev.flywheel.store.postgres.PostgresOutcomeStore;
import dev.flywheel.store.postgres.PostgresRecordStore;
import dev.flywheel.store.postgres.PostgresReviewTasks;
import dev.flywheel.topology.ServingLoops;
import dev.flywheel.topology.ServingState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A server of the distributed shape wired together: the same HTTP API and ingest pipeline as the
 * embedded {@link Engine}, appending to Kafka ({@link KafkaLogWriter}); keys, the audit log, model
 * states, outcomes and review tasks in PostgreSQL; and loops that decide from the state the Flink job
 * publishes ({@link ServingLoops} over a {@link ServingState}). It runs no stream operators, so any
 * number of servers run side by side: each assigns users to arms by the rollout's salted hash, and
 * each follows the shared audit log.
 *
 * <p>Staleness, each bounded and independent of load: a feature key, a loop's learner state and a
 * user's consumed items are read at most {@code feature_cache.ttl} (1 s) after the job published
 * them; a posted item is offered at most {@link #CATALOG_POLL} after the job applied it; a version
 * promoted, rolled back or allocated through another server is served here at most
 * {@link #AUDIT_POLL} after it was recorded; an alert the job wrote to PostgreSQL is listed at most
 * {@link #ALERT_POLL} (plus a poll's duration) after it was written ({@link AlertFollower}). Decide waits for the job to apply what this server
 * acknowledged ({@link ServingStream}).
 */
public final class ServingEngine implements AutoCloseable {
    static final Duration CATALOG_POLL = Duration.ofMillis(500);
    static final Duration AUDIT_POLL = Duration.ofSeconds(1);
    static final Duration ALERT_POLL = Duration.ofSeconds(1);
    /** What this server opened, in order: closed in reverse, also when the start fails half-way. */
    private final List<AutoCloseable> opened;
    private final ServingLoops loops;
    private final ModelLifecycle lifecycle;
    private final FlywheelServer server;
    private final Path adminKeyFile;
    private final ScheduledExecutorService polls;
    private final KafkaLogWriter writer;
    private final AlertFollower alerts;

    private ServingEngine(FlywheelConfig config, DistributedSettings settings, Path dataDir, Clock clock, String envAdminKey,
                          Function<PostgresDatabase, ServingState> stateOf, List<AutoCloseable> opened) {
        this.opened = opened;
        PostgresDatabase db = keep(PostgresDatabase.open(settings.postgres()));
        writer = keep(KafkaLogWriter.open(settings.kafka()));
        ServingState state = keep(stateOf.apply(db));
        // the caches' lifetimes bound staleness in real time: the engine's clock may be simulated (the demo's
        // stands still within a round, and kept every feature and the learner cached for the whole round)
        loops = keep(ServingLoops.build(config.loops(), state, config.featureCache(), Clock.systemUTC()));
        loops.pollCatalog();
        PostgresAuditLog audit = keep(new PostgresAuditLog(db));
        lifecycle = new ModelLifecycle(audit, new PostgresModelStore(db), new NoSnapshots(), () -> -1, clock,
                CodeVersion.current(), loops.served());
        startShared(lifecycle);
        alerts = new AlertFollower(new PostgresAlertLog(db), new AlertBoard());
        alerts.poll();
        PostgresKeyStore keys = new PostgresKeyStore(db);
        FlywheelServer.Parts parts = parts(config, clock, db, keys, state);
        adminKeyFile = adminKey(keys, dataDir, envAdminKey, clock);
        server = new FlywheelServer(parts);
        polls = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flywheel-serving-poll");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * What the HTTP API serves from: ingest appending to Kafka (its dedupe sets built from the
     * record store the job feeds), the rest from PostgreSQL and the published state.
     */
    private FlywheelServer.Parts parts(FlywheelConfig config, Clock clock, PostgresDatabase db, PostgresKeyStore keys,
                                       ServingState state) {
        PostgresRecordStore store = keep(new PostgresRecordStore(db));
        IngestPipeline pipeline = keep(new IngestPipeline(writer, store, clock, config.ingest()));
        pipeline.awaitIds();
        PostgresOutcomeStore outcomes = keep(new PostgresOutcomeStore(db));
        PostgresReviewTasks reviews = keep(new PostgresReviewTasks(db));
        Set<String> loopNames = config.loops().stream().map(LoopSpec::name).collect(Collectors.toSet());
        return new FlywheelServer.Parts(config, clock, writer, store, pipeline.countsAtStart(), pipeline, null,
                Engine.admission(config, clock), keys, new KeyRing(keys, clock), loops.catalog(),
                new ServingStream(writer, state, alerts.board(), loopNames, loops), loops.policies(), outcomes,
                new FlywheelServer.Lifecycle(lifecycle, null, null, null, clock::instant, null, null), null, reviews,
                Map::of);
    }

    /**
     * Opens a server over the deployment's Kafka and PostgreSQL; {@code stateOf} reads the state the
     * job publishes from the database. {@code dataDir} may be null (nothing local is needed once an
     * admin key exists, or with {@code FLYWHEEL_ADMIN_KEY}).
     */
    public static ServingEngine open(FlywheelConfig config, DistributedSettings settings, Path dataDir, Clock clock,
                                     String envAdminKey, Function<PostgresDatabase, ServingState> stateOf) {
        List<AutoCloseable> partial = new ArrayList<>();
        try {
            return new ServingEngine(config, settings, dataDir, clock, envAdminKey, stateOf, partial);
        } catch (RuntimeException e) {
            for (int i = partial.size() - 1; i >= 0; i--) closeQuietly(partial.get(i));
            throw e;
        }
    }

    /**
     * Registers the first versions unless another server did: two servers starting at once both
     * find no version; the second's append is refused (the seq is taken), so it reads what the first
     * recorded and starts again from there.
     */
    private static void startShared(ModelLifecycle lifecycle) {
        for (int attempt = 1; ; attempt++) {
            try {
                lifecycle.refresh();
                lifecycle.start();
                return;
            } catch (IllegalArgumentException e) {
                if (attempt == 5 || !String.valueOf(e.getMessage()).contains("audit seq")) throw e;
            }
        }
    }

    private static Path adminKey(PostgresKeyStore keys, Path dataDir, String envAdminKey, Clock clock) {
        boolean hasAdmin = keys.all().stream().anyMatch(k -> !k.revoked() && k.scopes().contains(Scope.ADMIN));
        if (dataDir == null && !hasAdmin && (envAdminKey == null || envAdminKey.isBlank())) {
            throw new ConfigException("--data", "is needed to write the first admin key (or set " + AdminKey.ENV + ")");
        }
        if (dataDir != null) dataDir.toFile().mkdirs();
        return AdminKey.ensure(keys, dataDir, envAdminKey, clock.instant());
    }

    private <T> T keep(T part) {
        if (part instanceof AutoCloseable c) opened.add(c);
        return part;
    }

    /** Starts answering and following the shared audit log and the job's alerts; returns the port. */
    public int start() {
        loops.start(CATALOG_POLL);
        polls.scheduleWithFixedDelay(this::refreshQuietly, AUDIT_POLL.toMillis(), AUDIT_POLL.toMillis(), TimeUnit.MILLISECONDS);
        polls.scheduleWithFixedDelay(this::pollAlertsQuietly, ALERT_POLL.toMillis(), ALERT_POLL.toMillis(), TimeUnit.MILLISECONDS);
        return server.start();
    }

    private void refreshQuietly() {
        try {
            lifecycle.refresh();
        } catch (RuntimeException e) {
            // PostgreSQL away for a moment: the next poll reads from the same seq
            System.getLogger(ServingEngine.class.getName()).log(System.Logger.Level.WARNING, "audit poll failed: " + e.getMessage());
        }
    }

    private void pollAlertsQuietly() {
        try {
            alerts.poll();
        } catch (RuntimeException e) {
            // PostgreSQL away for a moment: the next poll resumes after the newest alert the board holds
            System.getLogger(ServingEngine.class.getName()).log(System.Logger.Level.WARNING, "alert poll failed: " + e.getMessage());
        }
    }

    /** The admin key file written at this start, or null when none was needed. */
    public Path adminKeyFile() {
        return adminKeyFile;
    }

    /** Where this server's acknowledged appends sit in the log topic. */
    public dev.flywheel.kafka.AcknowledgedOffsets acknowledged() {
        return writer.acknowledged();
    }

    /** The next seq this server's writer gives (how many entries it appended since it opened). */
    public long nextSeq() {
        return writer.nextSeq();
    }

    public ServingLoops loops() {
        return loops;
    }

    public ModelLifecycle lifecycle() {
        return lifecycle;
    }

    public Catalog catalog() {
        return loops.catalog();
    }

    @Override
    public void close() {
        polls.shutdownNow();
        server.close();
        // in reverse: the pipeline drains into the writer before it closes, the database goes last
        for (int i = opened.size() - 1; i >= 0; i--) closeQuietly(opened.get(i));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            System.getLogger(ServingEngine.class.getName()).log(System.Logger.Level.WARNING, "close failed: " + e.getMessage());
        }
    }
}
