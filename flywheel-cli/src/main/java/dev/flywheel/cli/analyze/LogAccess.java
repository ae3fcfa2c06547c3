package dev.flywheel.cli.analyze;

import dev.flywheel.cli.engine.DataDirLock;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import dev.flywheel.store.file.SegmentedFileLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A data directory's event log, read from the start as many times as an analysis needs, while this
 * process holds the directory's engine lock (opening a log recovers its last segment, which must not
 * happen under a running server).
 */
final class LogAccess implements AutoCloseable {
    private static final int CHUNK = 10_000;
    private final DataDirLock lock;
    private final SegmentedFileLog log;

    private LogAccess(DataDirLock lock, SegmentedFileLog log) {
        this.lock = lock;
        this.log = log;
    }

    static LogAccess open(Path dataDir, long segmentBytes) throws IOException {
        Path logDir = dataDir.resolve("log");
        if (!Files.isDirectory(logDir)) throw new IllegalArgumentException("--data: no event log in " + logDir);
        DataDirLock lock = DataDirLock.tryAcquire(dataDir);
        if (lock == null) {
            throw new IllegalArgumentException("--data: " + dataDir + " is in use by a running Flywheel server "
                    + "(one process per data directory); stop it, or evaluate a copy of the directory");
        }
        return new LogAccess(lock, dev.flywheel.cli.engine.EngineStorage.log(dataDir, false, segmentBytes));
    }

    /** Every entry from the first, in log order; close the stream when done. */
    Stream<LogEntry> entries() {
        LogReader reader = log.reader(0);
        Iterator<LogEntry> it = new Iterator<>() {
            private final List<LogEntry> chunk = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next < chunk.size()) return true;
                chunk.clear();
                next = 0;
                return reader.poll(CHUNK, chunk::add) > 0;
            }

            @Override
            public LogEntry next() {
                if (!hasNext()) throw new NoSuchElementException();
                return chunk.get(next++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false).onClose(reader::close);
    }

    @Override
    public void close() throws IOException {
        log.close();
        lock.close();
    }
}
