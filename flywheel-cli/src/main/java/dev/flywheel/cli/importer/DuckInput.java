package dev.flywheel.cli.importer;

import dev.flywheel.log.LogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The in-memory DuckDB database the importer reads its files through. Offline: extensions are never
 * downloaded (parquet and json are built in). Times are UTC, so text without an offset is read as
 * UTC. Sorts larger than memory spill into a private temporary directory, removed on close.
 */
final class DuckInput implements AutoCloseable {
    private final Connection connection;
    private final Path spill;
    private final List<Connection> others = new ArrayList<>();

    DuckInput() {
        try {
            spill = Files.createTempDirectory("flywheel-import-");
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = connection.createStatement()) {
                s.execute("SET autoinstall_known_extensions=false");
                s.execute("SET autoload_known_extensions=false");
                s.execute("SET TimeZone='UTC'");
                s.execute("SET temp_directory=" + Sql.literal(spill.toString()));
            }
        } catch (SQLException | IOException e) {
            throw new LogException("cannot start DuckDB to read the input: " + e.getMessage(), e);
        }
    }

    Connection connection() {
        return connection;
    }

    /** Another connection to the same database, closed with it. */
    DuckDBConnection duplicate() throws SQLException {
        DuckDBConnection c = (DuckDBConnection) connection.unwrap(DuckDBConnection.class).duplicate();
        others.add(c);
        return c;
    }

    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        for (Connection c : others) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing the database below ends it either way
            }
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // an in-memory database goes with its connection either way
        }
        try (Stream<Path> s = Files.walk(spill)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
