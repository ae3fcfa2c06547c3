package dev.flywheel.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates the shared datasets: {@code ../shared/data} beside the checkout, as surefire passes it in
 * {@code flywheel.shared.data}, or else the nearest {@code shared/data} beside one of the checkout's
 * ancestors (a clone one level deeper than usual). A test whose data is missing fails with the places
 * it looked: a skipped test would hide that nothing was checked.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path file(String relative) {
        String prop = System.getProperty("flywheel.shared.data");
        if (prop == null) {
            throw new IllegalStateException("system property flywheel.shared.data is not set (surefire sets it to ../shared/data)");
        }
        List<Path> tried = new ArrayList<>();
        Path beside = Path.of(prop).toAbsolutePath().normalize();
        for (Path dir = beside; dir != null; dir = ancestorData(dir)) {
            Path file = dir.resolve(relative);
            tried.add(file);
            if (Files.isRegularFile(file)) return file;
        }
        throw new IllegalStateException("shared data not found; looked at " + tried);
    }

    /** {@code <a>/shared/data} → {@code <parent of a>/shared/data}; null past the root. */
    private static Path ancestorData(Path data) {
        Path holder = data.getParent() == null ? null : data.getParent().getParent();
        Path up = holder == null ? null : holder.getParent();
        return up == null ? null : up.resolve("shared").resolve("data");
    }
}
