package dev.flywheel.cli.engine;

import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.ingest.IngestPipeline;
import dev.flywheel.ingest.Materializer;
import dev.flywheel.log.LogException;
import dev.flywheel.log.StoredCounts;
import dev.flywheel.store.duckdb.DuckDbRecordStore;
import dev.flywheel.store.duckdb.ParquetArchive;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.store.file.FileCheckpointStore;
import dev.flywheel.store.file.FileIdSnapshotStore;
import dev.flywheel.store.file.SegmentedFileLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.time.Clock;

/**
 * The durable half of the embedded shape, opened and recovered: the data directory's lock, the
 * segmented file log, the DuckDB store caught up from it, and the ingest pipeline that appends to
 * the log. The engine adds the stream operators and the HTTP server on top; a bulk import needs
 * only this.
 */
public final class EngineStorage implements AutoCloseable {
    private final Path dataDir;
    private final DataDirLock lock;
    private final SegmentedFileLog log;
    private final DuckDbRecordStore store;
    private final Materializer materializer;
    private final IngestPipeline pipeline;
    private final StoredCounts countsAtStart;
    private final FileCheckpointStore checkpoints;
    /**
     * The latest checkpoint, read while the log and the store open (at ten million events both take
     * seconds), for an engine; null when nothing will restore one (an import).
     */
    private final CompletableFuture<Optional<Checkpoint>> latestCheckpoint;

    private EngineStorage(Path dataDir, FlywheelConfig config, Clock clock, boolean engineStart) throws IOException {
        this.dataDir = dataDir;
        Files.createDirectories(dataDir);
        lock = DataDirLock.tryAcquire(dataDir);
        if (lock == null) throw new LogException("another Flywheel process is using " + dataDir);
        checkpoints = new FileCheckpointStore(dataDir.resolve("checkpoints"), config.log().checkpointsKept());
        latestCheckpoint = engineStart ? CompletableFuture.supplyAsync(checkpoints::latest) : null;
        log = log(dataDir, config.log().fsync(), config.log().segmentBytes());
        store = new DuckDbRecordStore(dataDir.resolve("store.duckdb"));
        materializer = new Materializer(log, store);
        materializer.catchUp();
        pipeline = new IngestPipeline(log, store, clock, config.ingest(), new FileIdSnapshotStore(dataDir.resolve("dedupe-ids.bin")));
        countsAtStart = pipeline.countsAtStart();
        materializer.start();
        if (!engineStart) pipeline.awaitIds();
    }

    /**
     * The data directory's event log with its archive: archived segments read back whether or not
     * retention is on now.
     */
    public static SegmentedFileLog log(Path dataDir, boolean fsync, long segmentBytes) {
        return new SegmentedFileLog(dataDir.resolve("log"), fsync, segmentBytes, new ParquetArchive(dataDir.resolve("archive")));
    }

    /** Opens (or creates) the data directory and recovers its store from the log. */
    public static EngineStorage open(Path dataDir, FlywheelConfig config, Clock clock) {
        return open(dataDir, config, clock, false);
    }

    /**
     * The same; for {@code engineStart} (an engine about to restore its stream) the latest checkpoint
     * is read meanwhile, and it returns before the ingest pipeline's dedupe sets are built: the engine
     * waits for them once its stream has caught up ({@link IngestPipeline#awaitIds}).
     */
    public static EngineStorage open(Path dataDir, FlywheelConfig config, Clock clock, boolean engineStart) {
        try {
            return new EngineStorage(dataDir, config, clock, engineStart);
        } catch (IOException e) {
            throw new LogException("cannot open data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public SegmentedFileLog log() {
        return log;
    }

    public DuckDbRecordStore store() {
        return store;
    }

    public Materializer materializer() {
        return materializer;
    }

    public IngestPipeline pipeline() {
        return pipeline;
    }

    /** Where the stream's checkpoints are kept. */
    public FileCheckpointStore checkpoints() {
        return checkpoints;
    }

    /** The latest intact checkpoint, as read when the storage opened (waits for that read to end). */
    public Optional<Checkpoint> latestCheckpoint() {
        return latestCheckpoint == null ? checkpoints.latest() : latestCheckpoint.join();
    }

    /** What the store held when it was opened (after catching up with the log). */
    public StoredCounts countsAtStart() {
        return countsAtStart;
    }

    @Override
    public void close() {
        pipeline.close();
        materializer.close();
        store.close();
        log.close();
        lock.close();
    }
}
