package dev.flywheel.analysis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared datasets: the {@code flywheel.shared.data} property set by surefire, else
 * /work/shared/data (a git worktree resolves the property to a sibling directory that does not exist).
 * Tests are skipped, not failed, only when neither exists.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path file(String relative) {
        String prop = System.getProperty("flywheel.shared.data");
        Path dir = prop != null && Files.isDirectory(Path.of(prop)) ? Path.of(prop) : Path.of("/work/shared/data");
        Path file = dir.resolve(relative);
        assumeTrue(Files.isRegularFile(file), "shared data not found: " + file);
        return file;
    }
}
