package dev.flywheel.store.duckdb;

import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.OutcomeStore;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.outcome.UnjoinedStore;
import dev.flywheel.outcome.contract.OutcomeStoreContract;
import dev.flywheel.outcome.contract.UnjoinedStoreContract;
import dev.flywheel.store.file.SegmentedFileLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store's outcome and unjoined tables pass the contracts of their ports, as they are
 * and with every row moved to the archive right after it is appended (retention of an age far past
 * every row): the views read archived rows back, and cutting back to a checkpoint's count drops
 * archived rows past it.
 */
class DuckDbOutcomeStoresTest {
    @TempDir
    Path dir;
    private DuckDbRecordStore store;
    private SegmentedFileLog log;
    private LogRetention retention;

    private DuckDbRecordStore store() {
        if (store == null) store = new DuckDbRecordStore(dir.resolve("store.duckdb"));
        return store;
    }

    /** Archives every derived row (the log holds nothing to archive). */
    private void archiveAll() {
        if (retention == null) {
            log = new SegmentedFileLog(dir.resolve("log"), false, 1 << 20, new ParquetArchive(dir.resolve("archive")));
            retention = new LogRetention(log, store(), () -> -1, Duration.ofSeconds(1), Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"),
                    ZoneOffset.UTC));
        }
        retention.runOnce();
    }

    @AfterEach
    void close() {
        if (retention != null) retention.close();
        if (log != null) log.close();
        if (store != null) store.close();
    }

    @Nested
    class Outcomes extends OutcomeStoreContract {
        @Override
        protected OutcomeStore open() {
            return new DuckDbOutcomeStore(store());
        }
    }

    @Nested
    class UnjoinedFeedback extends UnjoinedStoreContract {
        @Override
        protected UnjoinedStore open() {
            return new DuckDbUnjoinedStore(store());
        }
    }

    @Nested
    class ArchivedOutcomes extends OutcomeStoreContract {
        @Override
        protected OutcomeStore open() {
            DuckDbOutcomeStore s = new DuckDbOutcomeStore(store());
            return new OutcomeStore() {
                @Override
                public void append(List<Outcome> outcomes) {
                    s.append(outcomes);
                    archiveAll();
                }

                @Override
                public List<Outcome> query(String loop, Instant from, Instant to, int limit) {
                    return s.query(loop, from, to, limit);
                }

                @Override
                public void keepFirst(long n) {
                    s.keepFirst(n);
                }
            };
        }
    }

    @Nested
    class ArchivedUnjoinedFeedback extends UnjoinedStoreContract {
        @Override
        protected UnjoinedStore open() {
            DuckDbUnjoinedStore s = new DuckDbUnjoinedStore(store());
            return new UnjoinedStore() {
                @Override
                public void append(List<Unjoined> rows) {
                    s.append(rows);
                    archiveAll();
                }

                @Override
                public Map<Unjoined.Reason, Long> counts() {
                    return s.counts();
                }

                @Override
                public List<Unjoined> query(Unjoined.Reason reason, int limit) {
                    return s.query(reason, limit);
                }

                @Override
                public void keepFirst(long n) {
                    s.keepFirst(n);
                }
            };
        }
    }
}
