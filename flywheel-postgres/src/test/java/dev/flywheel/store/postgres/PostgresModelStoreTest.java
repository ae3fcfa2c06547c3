package dev.flywheel.store.postgres;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.log.LogException;
import dev.flywheel.model.ModelStore;
import dev.flywheel.model.contract.ModelStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresModelStoreTest extends ModelStoreContract {
    private final Reopening db = new Reopening();

    @Override
    protected ModelStore open(Path dir) {
        return new PostgresModelStore(db.open());
    }

    @Test
    void aStateDamagedInTheTableIsReportedNotServed() throws Exception {
        ModelStore s = open(dir);
        String id = s.put(new byte[] {1, 2, 3, 4});
        try (Connection c = db.current().connect(); Statement st = c.createStatement()) {
            st.execute("UPDATE model_states SET state = '\\x01020305'::bytea");
        }
        LogException e = assertThrows(LogException.class, () -> open(dir).get(id));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
