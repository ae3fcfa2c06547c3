package dev.flywheel.cli.analyze;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared datasets: {@code flywheel.shared.data} if that directory exists, else /work/shared/data. */
final class SharedData {
    private SharedData() {
    }

    static String file(String relative) {
        String prop = System.getProperty("flywheel.shared.data");
        Path dir = prop != null && Files.isDirectory(Path.of(prop)) ? Path.of(prop) : Path.of("/work/shared/data");
        Path file = dir.resolve(relative);
        assumeTrue(Files.isRegularFile(file), "shared data not found: " + file);
        return file.toString();
    }
}
