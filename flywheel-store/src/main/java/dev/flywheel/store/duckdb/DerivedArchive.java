package dev.flywheel.store.duckdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves a derived table's old rows ({@link DerivedTable}) into Parquet under
 * {@code archive-derived/<table>/day=<day>/loop=<loop>/<first row number>-<n>.parquet}: every row
 * numbered up to the highest-numbered one dated before the cut-off. Files are written first, then
 * recorded and the rows deleted from the live table in one transaction; files whose first row number
 * is past the recorded one were never recorded (a crash) or were cut back, and are deleted before
 * the next pass writes.
 */
final class DerivedArchive {
    /** The column that dates a derived table's rows (and names their day partition). */
    static final Map<String, String> TIME = Map.of("outcomes", "decided_at", "unjoined", "ts");
    static final String HIVE = "hive_partitioning = true, hive_types = {'day': DATE, 'loop': VARCHAR}";

    private DerivedArchive() { }

    static String glob(String table) {
        return "archive-derived/" + table + "/day=*/loop=*/*.parquet";
    }

    private static Path tableDir(Path dir, String table) {
        return dir.resolve("archive-derived").resolve(table);
    }

    private static long first(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('-')));
    }

    /** Deletes the table's files whose first row is numbered past {@code archived}. */
    static void removeAfter(Path dir, String table, long archived) throws IOException {
        for (Path f : ArchiveFiles.files(tableDir(dir, table))) if (first(f) > archived) Files.delete(f);
    }

    /** What one pass moved. */
    record Moved(long rows, long bytes) { }

    /**
     * Archives {@code table}'s rows up to the newest one dated before {@code cutoff}, on {@code s}'s
     * connection (not auto-committing).
     */
    static Moved archive(Statement s, Path dir, String table, Instant cutoff) throws SQLException, IOException {
        String time = TIME.get(table);
        long from = DerivedTable.meta(s, "archived_" + table);
        long to;
        try (ResultSet r = s.executeQuery("SELECT coalesce(max(ordinal), 0) FROM " + DerivedTable.live(table) + " WHERE " + time
                + " < make_timestamp(" + micros(cutoff) + ") AND ordinal > " + from)) {
            r.next();
            to = r.getLong(1);
        }
        s.getConnection().commit();
        if (to <= from) return new Moved(0, 0);
        removeAfter(dir, table, from);
        String rows = "SELECT * EXCLUDE (loop), strftime(" + time + ", '%Y-%m-%d') AS day, " + LogViews.encoded("loop") + " AS loop FROM "
                + DerivedTable.live(table) + " WHERE ordinal > " + from + " AND ordinal <= " + to;
        ArchiveFiles.Written w = ArchiveFiles.write(s, rows, tableDir(dir, table), dir.resolve("archive.staging"),
                String.format("%020d", from + 1));
        s.execute("DELETE FROM " + DerivedTable.live(table) + " WHERE ordinal <= " + to);
        s.execute("UPDATE meta SET value = " + to + " WHERE key = 'archived_" + table + "'");
        if (from == 0) DerivedTable.view(s.getConnection(), s, table);
        s.getConnection().commit();
        return new Moved(to - from, w.bytes());
    }

    /**
     * Lowers the archived row number to at most {@code n} inside the caller's transaction: the rows up
     * to {@code n} of the files that start at or below it and hold later rows go back to the live
     * table. Returns the new archived number; the files past it are the caller's to delete once committed.
     */
    static long rewind(Connection conn, Statement s, Path dir, String table, long n) throws SQLException, IOException {
        long straddling = 0;
        for (Path f : ArchiveFiles.files(tableDir(dir, table))) if (first(f) <= n) straddling = Math.max(straddling, first(f));
        long kept = straddling == 0 ? 0 : straddling - 1;
        if (straddling > 0) {
            List<String> files = new ArrayList<>();
            for (Path f : ArchiveFiles.named(tableDir(dir, table), String.format("%020d", straddling))) {
                files.add("'" + SnapshotSql.quote(f) + "'");
            }
            s.execute("INSERT INTO " + DerivedTable.live(table) + " SELECT " + DerivedTable.fromArchive(conn, table) + " FROM read_parquet(["
                    + String.join(", ", files) + "], " + HIVE + ") WHERE ordinal <= " + n);
        }
        s.execute("UPDATE meta SET value = " + kept + " WHERE key = 'archived_" + table + "'");
        DerivedTable.view(conn, s, table);
        return kept;
    }

    /** The Parquet bytes the table's archived rows take. */
    static long bytes(Path dir, String table) throws IOException {
        long sum = 0;
        for (Path f : ArchiveFiles.files(tableDir(dir, table))) sum += Files.size(f);
        return sum;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
