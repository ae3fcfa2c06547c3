package dev.flywheel.store.duckdb;

import dev.flywheel.outcome.OutcomeStore;
import dev.flywheel.outcome.UnjoinedStore;
import dev.flywheel.outcome.contract.OutcomeStoreContract;
import dev.flywheel.outcome.contract.UnjoinedStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's outcome and unjoined tables pass the contracts of their ports. */
class DuckDbOutcomeStoresTest {
    @TempDir
    Path dir;
    private DuckDbRecordStore store;

    private DuckDbRecordStore store() {
        if (store == null) store = new DuckDbRecordStore(dir.resolve("store.duckdb"));
        return store;
    }

    @AfterEach
    void close() {
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
}
