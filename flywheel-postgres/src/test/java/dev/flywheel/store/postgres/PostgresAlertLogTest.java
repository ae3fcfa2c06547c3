package dev.flywheel.store.postgres;

import dev.flywheel.quality.AlertLog;
import dev.flywheel.quality.contract.AlertLogContract;
import org.junit.jupiter.api.AfterEach;

/** The alerts table passes the alert log contract, across reopening the database. */
class PostgresAlertLogTest extends AlertLogContract {
    private final Reopening db = new Reopening();

    @Override
    protected AlertLog open() {
        return new PostgresAlertLog(db.open());
    }

    @Override
    protected void close(AlertLog log) {
        db.close();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
