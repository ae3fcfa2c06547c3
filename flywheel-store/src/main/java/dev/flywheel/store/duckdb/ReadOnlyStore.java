package dev.flywheel.store.duckdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A read-only connection to a store file for offline analysis. DuckDB locks the file against other
 * processes, so this fails while an engine has it open; the caller turns that into advice.
 */
public final class ReadOnlyStore {
    private ReadOnlyStore() { }

    public static Connection open(Path file) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--data: no store at " + file);
        }
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
        try (Statement s = c.createStatement()) {
            s.execute("SET autoinstall_known_extensions=false");
            s.execute("SET autoload_known_extensions=false");
            DuckDbRecordStore.searchArchiveBeside(s, file);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
