package dev.flywheel.cli.engine;

import dev.flywheel.auth.KeyRing;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.ingest.Admission;
import dev.flywheel.ingest.Materializer;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.server.FlywheelServer;
import dev.flywheel.server.WebhookDelivery;
import dev.flywheel.store.duckdb.DuckDbFeatureLog;
import dev.flywheel.store.duckdb.DuckDbDecisionHistory;
import dev.flywheel.store.duckdb.DuckDbRolloutData;
import dev.flywheel.store.duckdb.DuckDbSnapshotStore;
import dev.flywheel.rollout.Autopilot;
import dev.flywheel.store.duckdb.DuckDbOutcomeStore;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import dev.flywheel.store.duckdb.DuckDbReviewTasks;
import dev.flywheel.quality.AlertBoard;
import dev.flywheel.quality.QualitySpec;
import dev.flywheel.review.AlertReviews;
import dev.flywheel.rollout.CanaryPause;
import dev.flywheel.store.duckdb.DuckDbUnjoinedStore;
import dev.flywheel.store.file.FileAuditLog;
import dev.flywheel.store.file.FileKeyStore;
import dev.flywheel.store.file.FileModelStore;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.rollout.RolloutPolicy;
import dev.flywheel.rollout.ServedLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.flywheel.store.file.FileCheckpointStore;
import dev.flywheel.stream.Checkpointing;
import dev.flywheel.stream.EmbeddedRunner;
import dev.flywheel.topology.Topology;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The embedded shape wired together: the storage (file log, DuckDB store, ingest pipeline), the
 * stream operators fed from the log, and the HTTP server. This is the one place that knows which
 * adapters run.
 */
public final class Engine implements AutoCloseable {
    /**
     * How long the log must be quiet before the open windows close without waiting for newer entries:
     * longer than a product pauses between batches of a history it streams in.
     */
    static final java.time.Duration QUIET = java.time.Duration.ofSeconds(10);
    private final EngineStorage storage;
    private final FlywheelServer server;
    private final Path adminKeyFile;
    private Topology topology;
    private EmbeddedRunner runner;
    private final StreamStart start;
    private final DuckDbOutcomeStore outcomes;
    private final DuckDbUnjoinedStore unjoined;
    private final FileAuditLog audit;
    private final DuckDbFeatureLog featureLog;
    private final DuckDbSnapshotStore snapshots;
    private final AutopilotThread autopilot;
    private ModelLifecycle lifecycle;
    private final WebhookDelivery webhook;
    private final DuckDbReviewTasks reviews;
    private final EngineRetention retention;
    /** How long each part of this start took, in seconds, in order. */
    private final Map<String, Double> startSeconds = new LinkedHashMap<>();

    private Engine(EngineStorage storage, FlywheelConfig config, Clock clock, String envAdminKey, long openedAt) {
        long t = phase("storage", openedAt);
        this.storage = storage;
        Path dataDir = storage.dataDir();
        // derived from the log: kept up to the checkpoint the stream starts from, refilled after it
        outcomes = new DuckDbOutcomeStore(storage.store());
        unjoined = new DuckDbUnjoinedStore(storage.store());
        featureLog = new DuckDbFeatureLog(storage.store());
        audit = new FileAuditLog(dataDir.resolve("audit.log"));
        snapshots = new DuckDbSnapshotStore(storage.store(), dataDir.resolve("snapshots"), clock);
        var log = config.log();
        FileCheckpointStore checkpoints = storage.checkpoints();
        build(config, clock);
        t = phase("build", t);
        start = restore(config, clock, checkpoints);
        t = phase("restore", t);
        // the interval is a throttle on the stream's pauses, so it is measured in wall time, not in the
        // engine's clock (which a test may hold still)
        runner = new EmbeddedRunner(storage.log(), topology.operators(), QUIET, start.after(), start.afterIdle(),
                topology.stateHolders(), new Checkpointing(checkpoints, log.checkpointEntries(), log.checkpointInterval(), Clock.systemUTC()));
        runner.catchUp();
        t = phase("catch_up", t);
        runner.idleNow(); // everything replayed at a start is history: close what has ended
        t = phase("idle", t);
        retention = new EngineRetention(log, storage, checkpoints, clock);
        storage.pipeline().awaitIds(); // built meanwhile on the ingest writer's thread
        t = phase("ingest_ids", t);
        webhook = config.alerts().webhook() == null ? null : new WebhookDelivery(config.alerts().webhook());
        if (webhook != null) topology.alerts().subscribe(webhook);
        lifecycle.start();
        DuckDbRolloutData rolloutData = new DuckDbRolloutData(storage.store());
        AlertBoard alerts = topology.alerts();
        autopilot = new AutopilotThread(new Autopilot(lifecycle, snapshots, rolloutData, clock, alerts,
                topology.acting(QualitySpec.Action.RETRAIN)), config.autopilotTick());
        // the webhook and the configured actions hear only live alerts: a start's replay raised the old
        // ones again, which were sent before the restart, and what they paused or queued is kept
        // (audit log, review table)
        reviews = new DuckDbReviewTasks(storage.store());
        alerts.subscribe(new CanaryPause(lifecycle, topology.acting(QualitySpec.Action.PAUSE_CANARY)));
        alerts.subscribe(new AlertReviews(reviews, topology.acting(QualitySpec.Action.REVIEW), clock));
        alerts.live();
        runner.start();
        retention.start();
        FileKeyStore keys = new FileKeyStore(dataDir);
        adminKeyFile = AdminKey.ensure(keys, dataDir, envAdminKey, clock.instant());
        Admission admission = admission(config, clock);
        server = new FlywheelServer(new FlywheelServer.Parts(config, clock, storage.log(), storage.store(),
                storage.countsAtStart(), storage.pipeline(), storage.materializer(), admission, keys, new KeyRing(keys, clock),
                topology.catalog(), new StreamStatus(runner, topology, unjoined, start), topology.policies(), outcomes,
                new FlywheelServer.Lifecycle(lifecycle, snapshots, rolloutData, autopilot.autopilot().retrainer(), clock::instant,
                        new DuckDbDecisionHistory(storage.store()), featureLog), webhook, reviews, retention::status));
        phase("server", t);
    }

    /** Records the seconds since {@code since} (nanoTime) as this start's phase {@code name}; returns now. */
    private long phase(String name, long since) {
        long now = System.nanoTime();
        startSeconds.put(name, (now - since) / 1e9);
        return now;
    }

    /** How long each part of this start took, in seconds: storage, build, restore, catch_up, idle, ingest_ids, server. */
    public Map<String, Double> startSeconds() {
        return java.util.Collections.unmodifiableMap(startSeconds);
    }

    /**
     * Restores the latest checkpoint into the topology and lifecycle just built; when it does not fit,
     * builds them again for a replay of the whole log. The lifecycle comes before the restore: the
     * online retrained versions it starts again are restored with the learner they follow.
     */
    private StreamStart restore(FlywheelConfig config, Clock clock, FileCheckpointStore checkpoints) {
        try {
            return StreamStart.restore(checkpoints, storage::latestCheckpoint, topology);
        } catch (RuntimeException e) {
            topology.close();
            build(config, clock);
            return StreamStart.fresh(topology, "checkpoint unusable: " + e.getMessage());
        }
    }

    private void build(FlywheelConfig config, Clock clock) {
        topology = Topology.build(config.loops(), new Catalog(), new OutcomeSink(outcomes, unjoined), false, featureLog,
                config.expectations());
        // before the replay: online retrained versions learn again from the outcomes it passes
        lifecycle = new ModelLifecycle(audit, new FileModelStore(storage.dataDir().resolve("models")), snapshots,
                () -> runner.progress(), clock, CodeVersion.current(), served(topology));
    }

    /** Where the stream started: after a checkpoint, or from the log's beginning and why. */
    public StreamStart streamStart() {
        return start;
    }

    /** The loops Flywheel serves, as the lifecycle needs them. */
    private static List<ServedLoop> served(Topology topology) {
        List<ServedLoop> out = new ArrayList<>();
        topology.loops().forEach((name, loop) -> {
            if (loop.policy() instanceof RolloutPolicy policy) {
                out.add(new ServedLoop(name, loop.spec().model(), loop.model(), policy, loop.spec().rollout(), loop.excluded()));
            }
        });
        return out;
    }

    /** What the deployment lets in: its event types, a bounded future skew, its loops when unknown ones are refused. */
    public static Admission admission(FlywheelConfig config, Clock clock) {
        return Admission.of(config, clock);
    }

    /** Opens (or creates) the data directory and recovers it; the server is built but not started. */
    public static Engine open(Path dataDir, FlywheelConfig config, Clock clock, String envAdminKey) {
        long openedAt = System.nanoTime();
        EngineStorage storage = EngineStorage.open(dataDir, config, clock, true);
        try {
            return new Engine(storage, config, clock, envAdminKey, openedAt);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    public int start() {
        int port = server.start();
        autopilot.start();
        return port;
    }

    public Path dataDir() {
        return storage.dataDir();
    }

    /** The admin key file written at this start, or null when none was needed. */
    public Path adminKeyFile() {
        return adminKeyFile;
    }

    public DuckDbRecordStore store() {
        return storage.store();
    }

    public Catalog catalog() {
        return topology.catalog();
    }

    public DuckDbSnapshotStore snapshots() {
        return snapshots;
    }

    /** The lifecycle's rules, for a caller that drives them itself (a test, a demo step). */
    public Autopilot autopilot() {
        return autopilot.autopilot();
    }


    public ModelLifecycle lifecycle() {
        return lifecycle;
    }

    /** The review tasks alerts made. */
    public dev.flywheel.review.ReviewTasks reviews() {
        return reviews;
    }

    public Topology topology() {
        return topology;
    }

    /** The event log (for tests and tools that wait for a position). */
    public dev.flywheel.log.EventLog storageLog() {
        return storage.log();
    }

    /** The durable ingest path the HTTP API writes through (for tools and tests that write in process). */
    public dev.flywheel.ingest.IngestPipeline pipeline() {
        return storage.pipeline();
    }

    public Materializer materializer() {
        return storage.materializer();
    }

    /** Waits until the stream operators have applied everything the log held when this was called. */
    public boolean awaitStream(long timeoutMillis) {
        return runner.awaitCurrent(timeoutMillis);
    }

    /**
     * Waits until the stream has applied the whole log and idled after its last entry, as it does
     * once the log has been quiet for {@link #QUIET}: what that idle closes is closed, and nothing
     * changes until the next entry. For a caller comparing two engines' tables, which a quiet idle
     * on one of them between two reads would set apart (RetentionEngineTest did under load).
     */
    public boolean awaitQuietIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            long last = storage.log().nextSeq() - 1;
            if (runner.progress() == last && runner.idledSeq() == last) return true;
            Thread.sleep(50);
        }
        return false;
    }

    /** Log retention, null when {@code log.retention} is not set. */
    public dev.flywheel.store.duckdb.LogRetention retention() {
        return retention.retention();
    }

    @Override
    public void close() {
        autopilot.close();
        retention.close();
        server.close();
        storage.pipeline().close();
        runner.close();
        runner.checkpoint(); // its thread has stopped between chunks: the next start replays nothing
        if (webhook != null) webhook.close(); // after the runner: no alert is raised once it is closed
        topology.close();
        audit.close();
        outcomes.close();
        unjoined.close();
        featureLog.close();
        reviews.close();
        storage.close();
    }
}
