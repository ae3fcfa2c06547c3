package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression: killed processes filled the disk with copies of DuckDB's native library. */
class NativeLibraryLeftoversTest {
    @TempDir
    Path tmp;

    @Test
    void killedProcessesCopiesOfTheNativeLibraryAreDeletedButNotOneBeingLoadedNorOtherFiles() throws Exception {
        Instant now = Instant.parse("2026-12-02T04:00:00Z");
        Path old1 = copy("libduckdb_java123.so", now.minus(Duration.ofHours(3)));
        Path old2 = copy("libduckdb_java.so_linux_amd644567", now.minus(Duration.ofMinutes(11)));
        Path fresh = copy("libduckdb_java789.so", now.minus(Duration.ofMinutes(2)));
        Path other = copy("libother.so", now.minus(Duration.ofDays(2)));
        Files.createDirectory(tmp.resolve("libduckdb_java_dir.so"));

        int deleted = NativeLibraryLeftovers.sweep(tmp, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(10));

        assertEquals(2, deleted);
        assertFalse(Files.exists(old1));
        assertFalse(Files.exists(old2));
        assertTrue(Files.exists(fresh), "a copy a starting process may be loading stays");
        assertTrue(Files.exists(other), "only DuckDB's copies are touched");
        assertTrue(Files.isDirectory(tmp.resolve("libduckdb_java_dir.so")));
    }

    @Test
    void aMissingDirectoryDeletesNothing() {
        assertEquals(0, NativeLibraryLeftovers.sweep(tmp.resolve("gone"), Clock.systemUTC(), Duration.ofMinutes(10)));
    }

    private Path copy(String name, Instant modified) throws Exception {
        Path p = Files.write(tmp.resolve(name), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(p, FileTime.from(modified));
        return p;
    }
}
