package dev.flywheel.store.duckdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes rows as Parquet into an archive tree, durably and idempotently. DuckDB writes the files
 * (partitioned by {@code day} and {@code loop}) into a staging directory; each is synced, files of
 * the same name left by an earlier attempt that this one does not write are removed, and the new
 * ones are renamed into the tree, whose directories are synced. Names start with the first seq (or
 * row number) the rows cover, so writing the same rows again replaces files rather than adding them.
 */
final class ArchiveFiles {
    private ArchiveFiles() { }

    /** What one write left in the tree. */
    record Written(int files, long bytes) { }

    /**
     * @param query  the rows, with columns {@code day} and {@code loop} to partition by
     * @param name   the files' name before {@code -<i>.parquet}
     */
    static Written write(Statement s, String query, Path root, Path staging, String name) throws SQLException, IOException {
        deleteTree(staging);
        Files.createDirectories(staging.getParent());
        s.execute("COPY (" + query + ") TO '" + SnapshotSql.quote(staging) + "' (FORMAT parquet, COMPRESSION zstd, "
                + "PARTITION_BY (day, loop), FILENAME_PATTERN '" + name + "-{i}')");
        List<Path> written = files(staging);
        Set<Path> relative = new HashSet<>();
        long bytes = 0;
        for (Path f : written) {
            sync(f, false);
            relative.add(staging.relativize(f));
            bytes += Files.size(f);
        }
        for (Path old : named(root, name)) {
            if (!relative.contains(root.relativize(old))) Files.delete(old);
        }
        Set<Path> dirs = new TreeSet<>();
        for (Path f : written) {
            Path target = root.resolve(staging.relativize(f));
            createDirectories(target.getParent(), dirs);
            move(f, target);
            dirs.add(target.getParent());
        }
        for (Path d : dirs) sync(d, true);
        deleteTree(staging);
        return new Written(written.size(), bytes);
    }

    /** Creates {@code dir} and its missing parents, remembering each parent whose entries changed. */
    private static void createDirectories(Path dir, Set<Path> changed) throws IOException {
        if (Files.isDirectory(dir)) return;
        createDirectories(dir.getParent(), changed);
        Files.createDirectory(dir);
        changed.add(dir.getParent());
    }

    /** The archive's files whose name starts with {@code name-}. */
    static List<Path> named(Path root, String name) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path f : files(root)) if (f.getFileName().toString().startsWith(name + "-")) out.add(f);
        return out;
    }

    /** Every Parquet file under {@code root}, in path order; none when it does not exist. */
    static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void sync(Path p, boolean directory) throws IOException {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for syncing; a file that cannot be synced is an error
            if (!directory) throw e;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
