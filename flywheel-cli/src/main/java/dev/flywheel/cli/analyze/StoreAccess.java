package dev.flywheel.cli.analyze;

import dev.flywheel.cli.engine.DataDirLock;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.log.LogException;
import dev.flywheel.store.duckdb.ReadOnlyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * A query connection to a data directory's store for {@code --data}. Refused while a server holds the
 * directory (its engine lock), because DuckDB allows one process per file. The store file is opened
 * read-only and the engine lock is held meanwhile, so no server starts under the analysis; a directory
 * whose store was never built (a log only) is opened through the {@link Engine}, which builds it.
 * A store behind its log (a server killed mid-catch-up) is analysed as it is, without the tail.
 */
final class StoreAccess implements AutoCloseable {
    private final DataDirLock lock;
    private final Engine engine;
    private final Connection connection;

    private StoreAccess(DataDirLock lock, Engine engine, Connection connection) {
        this.lock = lock;
        this.engine = engine;
        this.connection = connection;
    }

    static StoreAccess open(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("--data: no data directory at " + dataDir);
        }
        Path store = dataDir.resolve("store.duckdb");
        if (!Files.isRegularFile(store)) {
            return viaEngine(dataDir);
        }
        DataDirLock lock = DataDirLock.tryAcquire(dataDir);
        if (lock == null) throw busy(dataDir);
        try {
            return new StoreAccess(lock, null, ReadOnlyStore.open(store));
        } catch (SQLException e) {
            lock.close();
            throw new IllegalArgumentException("--data: cannot open " + store + " read-only: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the directory through an engine of {@code config}: the engine replays the log, so the
     * outcome table holds the outcomes of the config's loops (rewards, windows) up to now.
     */
    static StoreAccess withOutcomes(Path dataDir, FlywheelConfig config) {
        if (!Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("--data: no data directory at " + dataDir);
        }
        return viaEngine(dataDir, config);
    }

    private static StoreAccess viaEngine(Path dataDir) {
        return viaEngine(dataDir, FlywheelConfig.defaults());
    }

    private static StoreAccess viaEngine(Path dataDir, FlywheelConfig config) {
        try {
            Engine engine = Engine.open(dataDir, config, Clock.systemUTC(), null);
            return new StoreAccess(null, engine, engine.store().connect());
        } catch (LogException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("another Flywheel process")
                    ? busy(dataDir) : new IllegalArgumentException("--data: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalArgumentException("--data: cannot query the store: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException busy(Path dataDir) {
        return new IllegalArgumentException("--data: " + dataDir + " is in use by a running Flywheel server "
                + "(one process per data directory); stop it, or analyse a copy of the directory");
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IOException("cannot close the store connection: " + e.getMessage(), e);
        } finally {
            if (engine != null) {
                engine.close();
            }
            if (lock != null) {
                lock.close();
            }
        }
    }
}
