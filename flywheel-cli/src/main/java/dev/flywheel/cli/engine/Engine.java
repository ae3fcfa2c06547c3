package dev.flywheel.cli.engine;

import dev.flywheel.auth.KeyRing;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.CatalogFeed;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.stream.EmbeddedRunner;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeFeed;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.store.duckdb.DuckDbOutcomeStore;
import java.util.function.Consumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.flywheel.event.EventTypes;
import dev.flywheel.ingest.Admission;
import dev.flywheel.ingest.IngestPipeline;
import dev.flywheel.ingest.Materializer;
import dev.flywheel.log.LogException;
import dev.flywheel.server.FlywheelServer;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import dev.flywheel.store.file.FileKeyStore;
import dev.flywheel.store.file.SegmentedFileLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The embedded shape wired together: the segmented file log, the DuckDB store caught up from it,
 * the ingest pipeline and the HTTP server. This is the one place that knows which adapters run.
 */
public final class Engine implements AutoCloseable {
    private final Path dataDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final SegmentedFileLog log;
    private final DuckDbRecordStore store;
    private final Materializer materializer;
    private final IngestPipeline pipeline;
    private final FlywheelServer server;
    private final Path adminKeyFile;
    private final Catalog catalog = new Catalog();
    private final EmbeddedRunner runner;
    private final DuckDbOutcomeStore outcomes;

    private Engine(Path dataDir, FlywheelConfig config, Clock clock, String envAdminKey) throws IOException {
        this.dataDir = dataDir;
        Files.createDirectories(dataDir);
        lockChannel = FileChannel.open(dataDir.resolve("engine.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new LogException("another Flywheel process is using " + dataDir);
        }
        log = new SegmentedFileLog(dataDir.resolve("log"), config.log().fsync(), config.log().segmentBytes());
        store = new DuckDbRecordStore(dataDir.resolve("store.duckdb"));
        materializer = new Materializer(log, store);
        materializer.catchUp();
        var counts = store.counts();
        pipeline = new IngestPipeline(log, store, clock, config.ingest());
        materializer.start();
        Loops loops = Loops.build(config, catalog);
        outcomes = new DuckDbOutcomeStore(store);
        outcomes.clear(); // the runner replays the whole log, so every outcome comes again
        runner = new EmbeddedRunner(log, operators(loops, new OutcomeSink(outcomes)));
        runner.catchUp();
        runner.start();
        FileKeyStore keys = new FileKeyStore(dataDir);
        adminKeyFile = AdminKey.ensure(keys, dataDir, envAdminKey, clock.instant());
        Admission admission = new Admission(new EventTypes(config.customEventTypes()), clock, config.ingest().maxFutureSkew());
        server = new FlywheelServer(new FlywheelServer.Parts(config, clock, log, store, counts, pipeline,
                materializer, admission, keys, new KeyRing(keys, clock), catalog, runner::awaitCurrent,
                loops.policies(), outcomes));
    }

    private List<LogConsumer> operators(Loops loops, OutcomeSink sink) {
        List<Consumer<Outcome>> listeners = new ArrayList<>(List.of(sink));
        loops.learners().forEach(l -> listeners.add(l::onOutcome));
        List<LogConsumer> downstream = new ArrayList<>(List.of(sink));
        downstream.addAll(loops.learners());
        return operators(catalog, loops.rewards(), listeners, downstream);
    }

    /**
     * The stream operators in the engine's order: the catalog first (items before the decisions that
     * show them), then the reward join handing outcomes to {@code outcomeListeners}, then
     * {@code downstream} (the outcome store, the learners). Replays outside the engine (a frozen
     * learner) use the same order, so they learn what the engine learned.
     */
    public static List<LogConsumer> operators(Catalog catalog, Map<String, RewardSpec> rewards,
                                              List<Consumer<Outcome>> outcomeListeners, List<? extends LogConsumer> downstream) {
        List<LogConsumer> ops = new ArrayList<>(List.of(new CatalogFeed(catalog), new OutcomeFeed(rewards, outcomeListeners, u -> { })));
        ops.addAll(downstream);
        return ops;
    }

    /** Opens (or creates) the data directory and recovers it; the server is built but not started. */
    public static Engine open(Path dataDir, FlywheelConfig config, Clock clock, String envAdminKey) {
        try {
            return new Engine(dataDir, config, clock, envAdminKey);
        } catch (IOException e) {
            throw new LogException("cannot open data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public int start() {
        return server.start();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The admin key file written at this start, or null when none was needed. */
    public Path adminKeyFile() {
        return adminKeyFile;
    }

    public DuckDbRecordStore store() {
        return store;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Materializer materializer() {
        return materializer;
    }

    @Override
    public void close() {
        server.close();
        pipeline.close();
        runner.close();
        materializer.close();
        store.close();
        log.close();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
