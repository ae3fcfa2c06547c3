package dev.flywheel.store.duckdb;

import dev.flywheel.feature.FeatureLog;
import dev.flywheel.feature.contract.FeatureLogContract;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

/** The embedded store's feature table passes the feature log contract, across reopening the file. */
class DuckDbFeatureLogTest extends FeatureLogContract {
    private final Map<FeatureLog, DuckDbRecordStore> stores = new IdentityHashMap<>();

    @Override
    protected FeatureLog open(Path dir) {
        DuckDbRecordStore store = new DuckDbRecordStore(dir.resolve("store.duckdb"));
        FeatureLog log = new DuckDbFeatureLog(store);
        stores.put(log, store);
        return log;
    }

    @Override
    protected void close(FeatureLog log) {
        stores.remove(log).close();
    }
}
