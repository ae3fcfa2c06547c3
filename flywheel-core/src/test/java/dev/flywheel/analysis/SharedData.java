package dev.flywheel.analysis;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared datasets through the {@code flywheel.shared.data} property, which surefire sets
 * to {@code ../shared/data} beside the checkout. A test whose data is missing fails with the path it
 * looked at: a skipped test would hide that nothing was checked.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path file(String relative) {
        String prop = System.getProperty("flywheel.shared.data");
        if (prop == null) {
            throw new IllegalStateException("system property flywheel.shared.data is not set (surefire sets it to ../shared/data)");
        }
        Path file = Path.of(prop).resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("shared data not found: " + file.toAbsolutePath().normalize());
        }
        return file;
    }
}
