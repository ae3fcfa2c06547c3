package dev.flywheel.store.duckdb;

import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogException;
import dev.flywheel.log.LogReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads archived entries back in seq order, one archived segment at a time (a segment's rows are
 * spread over its day and loop files and sorted back together), with an in-memory DuckDB that
 * streams the rows rather than holding a whole segment.
 */
final class ArchiveReader implements LogReader {
    private final Iterator<List<Path>> segments;
    private final long fromSeq;
    private final long toSeq;
    private Connection conn;
    private Statement statement;
    private ResultSet rows;

    ArchiveReader(List<List<Path>> segments, long fromSeq, long toSeq) {
        this.segments = segments.iterator();
        this.fromSeq = fromSeq;
        this.toSeq = toSeq;
    }

    static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("jdbc_stream_results", "true");
        Connection c = DriverManager.getConnection("jdbc:duckdb:", p);
        try (Statement s = c.createStatement()) {
            s.execute("SET autoinstall_known_extensions=false");
            s.execute("SET autoload_known_extensions=false");
        }
        return c;
    }

    /** A {@code read_parquet} of exactly these files, their own columns only. */
    static String files(List<Path> files) {
        List<String> quoted = new ArrayList<>();
        for (Path f : files) quoted.add("'" + SnapshotSql.quote(f) + "'");
        return "read_parquet([" + String.join(", ", quoted) + "], hive_partitioning = false)";
    }

    @Override
    public int poll(int max, Consumer<LogEntry> sink) {
        try {
            int n = 0;
            while (n < max) {
                if (rows == null && !nextSegment()) return n;
                if (!rows.next()) {
                    closeRows();
                    continue;
                }
                byte[] b = rows.getBytes(1);
                sink.accept(LogCodec.decode(b, 0, b.length));
                n++;
            }
            return n;
        } catch (SQLException e) {
            throw new LogException("cannot read the log archive: " + e.getMessage(), e);
        }
    }

    private boolean nextSegment() throws SQLException {
        if (!segments.hasNext()) return false;
        if (conn == null) conn = connect();
        statement = conn.createStatement();
        rows = statement.executeQuery("SELECT entry FROM " + files(segments.next()) + " WHERE seq >= " + fromSeq + " AND seq < " + toSeq
                + " ORDER BY seq");
        return true;
    }

    private void closeRows() throws SQLException {
        rows.close();
        statement.close();
        rows = null;
        statement = null;
    }

    @Override
    public void close() {
        try {
            if (rows != null) closeRows();
            if (conn != null) conn.close();
        } catch (SQLException ignored) {
            // an in-memory database: nothing to lose
        }
    }
}
