package dev.flywheel.store.duckdb;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.Bytes;
import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Archives entries that no log segment held, as the archiver archives a segment: the entries go
 * through the embedded store's own tables (a scratch store beside the archive), so their rows,
 * served features and partitions are those a segment's would be, and the same files are written
 * the same way ({@link SegmentArchiver#stageRows}, {@link ArchiveFiles#write}).
 */
final class HistoryArchiver {
    private HistoryArchiver() { }

    static ArchiveFiles.Written write(Path root, List<LogEntry> entries, List<ServedFeatures> served) throws SQLException, IOException {
        long first = entries.get(0).seq();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).seq() != first + i) {
                throw new IllegalArgumentException("entries must have dense seqs from " + first + ": entry " + i + " has " + entries.get(i).seq());
            }
        }
        Path work = root.resolveSibling(root.getFileName() + ".work");
        ArchiveFiles.deleteTree(work);
        Files.createDirectories(work);
        try (DuckDbRecordStore store = new DuckDbRecordStore(work.resolve("history.duckdb"))) {
            store.apply(entries);
            try (DuckDbFeatureLog features = new DuckDbFeatureLog(store)) {
                features.append(served);
            }
            try (DuckDBConnection c = (DuckDBConnection) store.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                batch(c, s, entries);
                SegmentArchiver.stageRows(c, s, first, first + entries.size() - 1, "applied entries");
                return ArchiveFiles.write(s, "SELECT * FROM archive_rows", root, work.resolve("staging"), ParquetArchive.name(first));
            }
        } finally {
            ArchiveFiles.deleteTree(work);
        }
    }

    /** The entries in their log bytes, in {@code archive_batch (seq, entry)}. */
    private static void batch(DuckDBConnection c, Statement s, List<LogEntry> entries) throws SQLException {
        s.execute("CREATE OR REPLACE TEMP TABLE archive_batch (seq BIGINT, entry BLOB)");
        Bytes b = new Bytes(1 << 12);
        try (DuckDBAppender a = c.createAppender("temp", "main", "archive_batch")) {
            for (LogEntry e : entries) {
                b.reset();
                LogCodec.encode(e, b);
                a.beginRow().append(e.seq()).append(Arrays.copyOf(b.array(), b.length())).endRow();
            }
            a.flush();
        }
    }
}
