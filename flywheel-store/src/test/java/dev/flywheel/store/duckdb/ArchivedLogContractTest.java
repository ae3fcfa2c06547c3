package dev.flywheel.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import dev.flywheel.log.contract.Entries;
import dev.flywheel.log.contract.EventLogContract;
import dev.flywheel.store.file.SegmentedFileLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event log contract, passed by a segmented log whose closed segments are archived and deleted
 * after every append (tiny segments, every entry old): readers get the same entries from the archive.
 */
class ArchivedLogContractTest extends EventLogContract {

    @Override
    protected EventLog open(Path dir) {
        return new Archived(dir);
    }

    @Test
    void theEntriesReadBackAreInTheArchiveNotInSegments() {
        try (Archived log = new Archived(dir)) {
            log.append(Entries.mixed(0, 500));
            assertEquals(List.of(), log.log.closedSegments());
            assertTrue(log.retention.stats().entries() > 450, "archived: " + log.retention.stats());
            assertEquals(Entries.mixed(0, 500), readAll(log, 0));
        }
    }

    private static final class Archived implements EventLog {
        private final SegmentedFileLog log;
        private final DuckDbRecordStore store;
        private final LogRetention retention;

        Archived(Path dir) {
            log = new SegmentedFileLog(dir.resolve("log"), false, 1_024, new ParquetArchive(dir.resolve("archive")));
            store = new DuckDbRecordStore(dir.resolve("store.duckdb"));
            retention = new LogRetention(log, store, store::appliedSeq, Duration.ofSeconds(1),
                    Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC));
        }

        @Override
        public void append(List<LogEntry> entries) {
            for (int i = 0; i < entries.size(); i += 10) log.append(entries.subList(i, Math.min(entries.size(), i + 10)));
            store.apply(entries);
            retention.runOnce();
        }

        @Override
        public long nextSeq() {
            return log.nextSeq();
        }

        @Override
        public LogReader reader(long fromSeq) {
            return log.reader(fromSeq);
        }

        @Override
        public void close() {
            retention.close();
            store.close();
            log.close();
        }
    }
}
