package dev.flywheel.cli.engine;

import dev.flywheel.auth.KeyRing;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.CatalogFeed;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.event.EventTypes;
import dev.flywheel.ingest.Admission;
import dev.flywheel.ingest.Materializer;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeFeed;
import dev.flywheel.outcome.OutcomeSink;
import dev.flywheel.server.FlywheelServer;
import dev.flywheel.store.duckdb.DuckDbOutcomeStore;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import dev.flywheel.store.file.FileKeyStore;
import dev.flywheel.stream.EmbeddedRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded shape wired together: the storage (file log, DuckDB store, ingest pipeline), the
 * stream operators fed from the log, and the HTTP server. This is the one place that knows which
 * adapters run.
 */
public final class Engine implements AutoCloseable {
    private final EngineStorage storage;
    private final FlywheelServer server;
    private final Path adminKeyFile;
    private final Catalog catalog = new Catalog();
    private final EmbeddedRunner runner;
    private final DuckDbOutcomeStore outcomes;

    private Engine(EngineStorage storage, FlywheelConfig config, Clock clock, String envAdminKey) {
        this.storage = storage;
        Path dataDir = storage.dataDir();
        Loops loops = Loops.build(config, catalog);
        outcomes = new DuckDbOutcomeStore(storage.store());
        outcomes.clear(); // the runner replays the whole log, so every outcome comes again
        runner = new EmbeddedRunner(storage.log(), operators(loops, new OutcomeSink(outcomes)));
        runner.catchUp();
        runner.start();
        FileKeyStore keys = new FileKeyStore(dataDir);
        adminKeyFile = AdminKey.ensure(keys, dataDir, envAdminKey, clock.instant());
        Admission admission = new Admission(new EventTypes(config.customEventTypes()), clock, config.ingest().maxFutureSkew());
        server = new FlywheelServer(new FlywheelServer.Parts(config, clock, storage.log(), storage.store(),
                storage.countsAtStart(), storage.pipeline(), storage.materializer(), admission, keys, new KeyRing(keys, clock), catalog, runner::awaitCurrent,
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
        EngineStorage storage = EngineStorage.open(dataDir, config, clock);
        try {
            return new Engine(storage, config, clock, envAdminKey);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    public int start() {
        return server.start();
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
        return catalog;
    }

    public Materializer materializer() {
        return storage.materializer();
    }

    @Override
    public void close() {
        server.close();
        storage.pipeline().close();
        runner.close();
        storage.close();
    }
}
