package dev.flywheel.flink.sink;

import dev.flywheel.config.ConfigException;
import dev.flywheel.flink.JobPlugin;
import dev.flywheel.flink.Tables;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** {@code --tables parquet}: the history in Parquet ({@link ParquetTables}), under {@code --set parquet.dir=PATH} (required). */
public final class ParquetPlugin implements JobPlugin {
    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public Tables tables(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!key.equals("dir")) throw new ConfigException("parquet." + key, "unknown option; known: parquet.dir");
        }
        String dir = options.get("dir");
        if (dir == null || dir.isBlank()) throw new ConfigException("parquet.dir", "is required: the directory of the history's files");
        try {
            return new ParquetTables(Path.of(dir));
        } catch (InvalidPathException e) {
            throw new ConfigException("parquet.dir", "is not a path: " + e.getMessage());
        }
    }
}
