package dev.flywheel.store.duckdb;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogException;
import dev.flywheel.log.LogReader;
import dev.flywheel.store.file.SegmentArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log's archive: the entries of deleted segments as Parquet under
 * {@code <root>/day=<received day>/loop=<loop>/<first seq>-<n>.parquet}, one row per entry with typed
 * columns for analysis and the entry's exact binary form ({@code entry}) for the log. Each segment's
 * files are named by its first seq, so the segments can be read back in order, one at a time.
 */
public final class ParquetArchive implements SegmentArchive {
    private static final Pattern NAME = Pattern.compile("(\\d{20})-\\d+\\.parquet");
    private final Path root;

    public ParquetArchive(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * Writes entries that no log segment of this process held (the Flink job's applied entries, with
     * the features served with their decisions) as the archive's files, named by the first seq as a
     * segment's are. The seqs must be dense. Writing the same entries again replaces the files rather
     * than adding any, so a commit that is retried writes them once.
     *
     * @return the bytes written
     */
    public long write(List<LogEntry> entries, List<ServedFeatures> served) {
        if (entries.isEmpty()) return 0;
        try {
            return HistoryArchiver.write(root, entries, served).bytes();
        } catch (SQLException | IOException e) {
            throw new LogException("cannot write entries " + entries.get(0).seq() + ".. to the archive in " + root + ": " + e.getMessage(), e);
        }
    }

    /** The archive's file name prefix of the segment starting at {@code baseSeq}. */
    static String name(long baseSeq) {
        return String.format("%020d", baseSeq);
    }

    /** The archived segments by first seq, each with its files. */
    NavigableMap<Long, List<Path>> segments() {
        NavigableMap<Long, List<Path>> out = new TreeMap<>();
        try {
            for (Path f : ArchiveFiles.files(root)) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) out.computeIfAbsent(Long.parseLong(m.group(1)), k -> new ArrayList<>()).add(f);
            }
        } catch (IOException e) {
            throw new LogException("cannot list the log archive in " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public LogReader reader(long fromSeq, long toSeq) {
        List<List<Path>> wanted = new ArrayList<>();
        NavigableMap<Long, List<Path>> all = segments();
        for (Map.Entry<Long, List<Path>> e : all.entrySet()) {
            Long after = all.higherKey(e.getKey());
            if (e.getKey() < toSeq && (after == null || after > fromSeq)) wanted.add(e.getValue());
        }
        return new ArchiveReader(wanted, fromSeq, toSeq);
    }

    @Override
    public long endSeq() {
        Map.Entry<Long, List<Path>> last = segments().lastEntry();
        if (last == null) return 0;
        try (Connection c = ArchiveReader.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT max(seq) + 1 FROM " + ArchiveReader.files(last.getValue()))) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new LogException("cannot read the log archive in " + root + ": " + e.getMessage(), e);
        }
    }
}
