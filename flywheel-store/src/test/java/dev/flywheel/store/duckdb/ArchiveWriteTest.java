package dev.flywheel.store.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries written straight to an archive (the Flink job's history) give the files retention gives
 * the same entries archived from log segments: the same partitions, the same columns and rows,
 * byte for byte in the entry column; writing them again replaces files rather than adding any; the
 * log's archive reader reads them back.
 */
class ArchiveWriteTest {
    @TempDir
    Path dir;

    @Test
    void writtenEntriesLookExactlyLikeArchivedSegmentsAndAWriteRepeatedAddsNothing() throws Exception {
        List<LogEntry> in = RetentionRig.entries(0, 700, RetentionRig.T0);
        long archived;
        try (RetentionRig rig = new RetentionRig(dir)) {
            rig.write(in.subList(0, 300));
            rig.write(in.subList(300, 700));
            rig.clock.advance(Duration.ofDays(2));
            archived = rig.retention.runOnce().entries();
        }
        assertTrue(archived > 500, "archived by retention: " + archived);
        ParquetArchive history = new ParquetArchive(dir.resolve("history"));
        List<LogEntry> first = in.subList(0, 251);
        List<LogEntry> rest = in.subList(251, (int) archived);
        history.write(first, RetentionRig.served(first));
        history.write(rest, RetentionRig.served(rest));

        assertEquals(rows(dir.resolve("archive")), rows(dir.resolve("history")), "every column of every row");
        assertEquals(partitions(dir.resolve("archive")), partitions(dir.resolve("history")), "day and loop partitions");
        Map<Path, Long> files = files(dir.resolve("history"));
        history.write(first, RetentionRig.served(first));
        assertEquals(files, files(dir.resolve("history")), "a repeated write replaces its own files");

        List<LogEntry> read = new ArrayList<>();
        try (LogReader r = history.reader(0, archived)) {
            while (r.poll(100, read::add) > 0) {
                // drain
            }
        }
        assertEquals(in.subList(0, (int) archived), read);
        assertEquals(archived, history.endSeq());
        assertThrows(IllegalArgumentException.class, () -> history.write(List.of(in.get(0), in.get(2)), List.of()), "seqs must be dense");
    }

    private static List<String> rows(Path root) throws Exception {
        try (Connection c = ArchiveReader.connect(); Statement s = c.createStatement()) {
            return RetentionRig.rows(s, "SELECT * FROM read_parquet('" + root + "/*/*/*.parquet', hive_partitioning = false) ORDER BY seq");
        }
    }

    private static List<Path> partitions(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root, 2)) {
            return s.filter(Files::isDirectory).map(root::relativize).sorted().toList();
        }
    }

    private static Map<Path, Long> files(Path root) throws Exception {
        Map<Path, Long> out = new TreeMap<>();
        for (Path f : ArchiveFiles.files(root)) out.put(root.relativize(f), Files.size(f));
        return out;
    }
}
