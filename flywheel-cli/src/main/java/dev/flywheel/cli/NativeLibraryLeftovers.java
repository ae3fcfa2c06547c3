package dev.flywheel.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes the copies of DuckDB's native library that killed processes left in the temporary
 * directory. The JDBC driver unpacks its 69 MB library there at every start and deletes it only on a
 * clean exit, so a Flywheel restarted by a supervisor with SIGKILL, or a crash, leaks one copy each
 * time until the disk is full (this machine once held 1,111 of them).
 *
 * <p>Only on Linux, where unlinking a library a running process has loaded leaves its mapping
 * intact; and only copies older than {@code minAge}, since a process that is starting now copies and
 * loads its own within milliseconds.
 */
final class NativeLibraryLeftovers {
    static final String GLOB = "libduckdb_java*.so*";

    private NativeLibraryLeftovers() { }

    /** At start, before DuckDB loads: the process's own temporary directory, copies older than ten minutes. */
    static void sweepAtStart() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) return;
        sweep(Path.of(System.getProperty("java.io.tmpdir")), Clock.systemUTC(), Duration.ofMinutes(10));
    }

    /** @return how many copies were deleted; a directory that cannot be read deletes none */
    static int sweep(Path dir, Clock clock, Duration minAge) {
        Instant before = clock.instant().minus(minAge);
        int deleted = 0;
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, GLOB)) {
            for (Path p : copies) {
                if (isOld(p, before) && Files.deleteIfExists(p)) deleted++;
            }
        } catch (IOException | SecurityException e) {
            // another user's temporary directory, or one gone: nothing of ours to clean
        }
        return deleted;
    }

    private static boolean isOld(Path p, Instant before) {
        try {
            return Files.isRegularFile(p) && Files.getLastModifiedTime(p).toInstant().isBefore(before);
        } catch (IOException e) {
            return false;
        }
    }
}
