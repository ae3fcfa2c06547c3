package dev.flywheel.cli.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that gives one process a data directory ({@code engine.lock}): a server, an import or an
 * analysis. DuckDB allows one process per store file, and opening the log recovers its last segment,
 * so two processes must never have the directory at once.
 */
public final class DataDirLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The directory's lock, or null when another process (or an engine of this one) holds it. */
    public static DataDirLock tryAcquire(Path dataDir) throws IOException {
        FileChannel ch = FileChannel.open(dataDir.resolve("engine.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            return null;
        }
        return new DataDirLock(ch, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
