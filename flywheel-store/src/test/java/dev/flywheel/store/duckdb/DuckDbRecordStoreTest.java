package dev.flywheel.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.log.RecordStore;
import dev.flywheel.log.contract.Entries;
import dev.flywheel.log.contract.RecordStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DuckDbRecordStoreTest extends RecordStoreContract {

    @Override
    protected RecordStore open(Path dir) {
        return new DuckDbRecordStore(dir.resolve("store.duckdb"));
    }

    @Test
    void decisionItemsAreColumnsForAnalysis() throws Exception {
        try (DuckDbRecordStore s = (DuckDbRecordStore) open(dir)) {
            s.apply(Entries.mixed(0, 10)); // seqs 3 is the only decision below 10
            try (Connection c = s.connect(); Statement st = c.createStatement();
                 ResultSet r = st.executeQuery("SELECT decision_id, position, item, score, propensity FROM decision_items ORDER BY position")) {
                r.next();
                assertEquals("d3", r.getString(1));
                assertEquals(0.5, r.getDouble(5));
                r.next();
                assertEquals(2, r.getInt(2));
                assertEquals(null, r.getObject(4));
            }
        }
    }

    /** Regression: appender rows committed on their own, apart from the applied seq. */
    @Test
    void rowsAndAppliedSeqRollBackTogether() throws Exception {
        try (DuckDbRecordStore s = (DuckDbRecordStore) open(dir)) {
            s.apply(Entries.mixed(0, 10));
            var before = s.counts();
            s.write(Entries.mixed(10, 50));
            s.rollback();
            assertEquals(before, s.counts());
            assertEquals(9, s.appliedSeq());
        }
        try (DuckDbRecordStore s = (DuckDbRecordStore) open(dir)) {
            assertEquals(9, s.appliedSeq());
        }
    }
}
