package dev.flywheel.store.postgres;

import dev.flywheel.feature.FeatureLog;
import dev.flywheel.feature.contract.FeatureLogContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** The feature table passes the feature log contract, across reopening the database. */
class PostgresFeatureLogTest extends FeatureLogContract {
    private final Reopening db = new Reopening();

    @Override
    protected FeatureLog open(Path dir) {
        return new PostgresFeatureLog(db.open());
    }

    @Override
    protected void close(FeatureLog log) {
        db.close();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
