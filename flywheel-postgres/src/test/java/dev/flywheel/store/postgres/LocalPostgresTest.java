package dev.flywheel.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {
    @TempDir
    Path dir;

    @Test
    void aStartedServerKeepsItsDataInItsDirectoryUntilClosed() throws Exception {
        Path data = dir.resolve("pg");
        try (LocalPostgres server = LocalPostgres.start(data)) {
            assertTrue(Files.exists(data.resolve("postgresql.conf")));
            try (Connection c = DriverManager.getConnection(server.url("postgres")); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT current_setting('data_directory')")) {
                assertTrue(r.next());
                assertEquals(data.toRealPath(), Path.of(r.getString(1)).toRealPath());
            }
            assertEquals(PostgresSettings.DEFAULT_POOL_SIZE, server.settings("flywheel").poolSize());
        }
        assertFalse(Files.exists(data.resolve("postgresql.conf")), "closing deletes the data");
    }

    @Test
    void theSharedServerHandsOutSchemasNoOneWasGivenAndStopsOnlyWithTheJvm() {
        LocalPostgres shared = LocalPostgres.shared();
        assertSame(shared, LocalPostgres.shared());
        PostgresSettings one = shared.freshSchema("s", 3);
        PostgresSettings two = shared.freshSchema("s", 3);
        assertNotEquals(one.schema(), two.schema());
        assertEquals(one.url(), two.url());
        assertEquals(3, one.poolSize());
        try (PostgresDatabase db = PostgresDatabase.open(one)) {
            assertEquals(one.schema(), db.schema());
        }
        assertThrows(IllegalStateException.class, shared::close);
    }
}
