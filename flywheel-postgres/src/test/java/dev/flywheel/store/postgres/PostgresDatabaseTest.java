package dev.flywheel.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.config.ConfigException;
import dev.flywheel.log.LogException;
import dev.flywheel.log.contract.Entries;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PostgresDatabaseTest {

    private static long count(PostgresDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void instancesInTwoSchemasOfOneServerKeepTheirRowsApart() throws Exception {
        try (PostgresDatabase one = PostgresDatabase.open(LocalPostgres.shared().freshSchema("t", 4));
             PostgresDatabase two = PostgresDatabase.open(LocalPostgres.shared().freshSchema("t", 4))) {
            new PostgresRecordStore(one).apply(Entries.mixed(0, 30));
            new PostgresRecordStore(two).apply(Entries.mixed(0, 5));
            assertEquals(29, new PostgresRecordStore(one).appliedSeq());
            assertEquals(4, new PostgresRecordStore(two).appliedSeq());
            assertEquals(1, count(two, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events' "
                    + "AND table_schema = '" + two.schema() + "'"));
        }
    }

    @Test
    void processesOpeningOneSchemaAtOnceApplyEachMigrationOnce() throws Exception {
        PostgresSettings settings = LocalPostgres.shared().freshSchema("t", 4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<PostgresDatabase>> opening = new ArrayList<>();
        for (int i = 0; i < 4; i++) opening.add(pool.submit(() -> PostgresDatabase.open(settings)));
        List<PostgresDatabase> opened = new ArrayList<>();
        for (Future<PostgresDatabase> f : opening) opened.add(f.get());
        pool.shutdown();
        try (PostgresDatabase again = PostgresDatabase.open(settings)) {
            assertEquals(Migrations.STEPS.size(), count(again, "SELECT count(*) FROM schema_migrations"));
            assertEquals(-1, new PostgresRecordStore(again).appliedSeq(), "the seeded rows are there once");
        } finally {
            opened.forEach(PostgresDatabase::close);
        }
    }

    @Test
    void aSchemaMigratedByANewerFlywheelIsRefusedByName() throws Exception {
        PostgresSettings settings = LocalPostgres.shared().freshSchema("t", 4);
        try (PostgresDatabase db = PostgresDatabase.open(settings); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_migrations (version) VALUES (" + (Migrations.STEPS.size() + 1) + ")");
        }
        LogException e = assertThrows(LogException.class, () -> PostgresDatabase.open(settings));
        assertTrue(e.getMessage().contains("newer than this Flywheel"), e.getMessage());
        assertTrue(e.getMessage().contains(settings.schema()), e.getMessage());
    }

    @Test
    void badSettingsNameTheirKeyAndNeverEchoThePassword() {
        ConfigException url = assertThrows(ConfigException.class,
                () -> new PostgresSettings("postgresql://h/db?password=hunter2", "flywheel", 4));
        assertEquals("postgres.url", url.key());
        assertFalse(url.getMessage().contains("hunter2"));
        assertEquals("postgres.schema", assertThrows(ConfigException.class,
                () -> new PostgresSettings("jdbc:postgresql://h/db", "Flywheel; DROP", 4)).key());
        assertEquals("postgres.schema", assertThrows(ConfigException.class,
                () -> new PostgresSettings("jdbc:postgresql://h/db", "pg_temp", 4)).key());
        assertEquals("postgres.pool_size", assertThrows(ConfigException.class,
                () -> new PostgresSettings("jdbc:postgresql://h/db", "flywheel", 0)).key());
    }

    @Test
    void anUnreachableServerIsAnErrorNamingWhereWithoutThePassword() {
        PostgresSettings nowhere = new PostgresSettings("jdbc:postgresql://127.0.0.1:1/flywheel?user=u&password=hunter2", "flywheel", 2);
        LogException e = assertThrows(LogException.class, () -> PostgresDatabase.open(nowhere));
        assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:1/flywheel: "), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
}
