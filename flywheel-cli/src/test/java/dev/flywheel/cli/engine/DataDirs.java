package dev.flywheel.cli.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Data directories on disk, as tests measure and copy them. */
final class DataDirs {
    private DataDirs() { }

    /** The bytes of the files directly in {@code d} whose name starts with {@code prefix}. */
    static long bytes(Path d, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The bytes of every file under {@code d}; 0 when it does not exist. */
    static long bytes(Path d) throws Exception {
        if (!Files.exists(d)) return 0;
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Copies a closed engine's data directory, without its lock file. */
    static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else if (!p.getFileName().toString().equals("engine.lock")) Files.copy(p, t);
            }
        }
    }

    static void deleteTree(Path d) throws Exception {
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
