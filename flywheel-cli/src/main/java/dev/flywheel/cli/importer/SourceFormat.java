package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats the importer reads, all through DuckDB's readers. */
enum SourceFormat {
    CSV, TSV, JSONL, PARQUET;

    static SourceFormat parse(String s, String key) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "tsv" -> TSV;
            case "jsonl", "ndjson", "json" -> JSONL;
            case "parquet" -> PARQUET;
            default -> throw new ConfigException(key, "must be csv, tsv, jsonl or parquet, got '" + s + "'");
        };
    }

    /** From the file name; a {@code .gz} or {@code .zst} suffix is looked through (DuckDB decompresses). */
    static SourceFormat of(Path file, String option) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|zst)$", "");
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        try {
            return parse(ext, option);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(option + ": cannot tell the format of " + file
                    + " from its extension (.csv, .tsv, .jsonl, .ndjson, .json, .parquet); give --format");
        }
    }

    boolean delimited() {
        return this == CSV || this == TSV;
    }
}
