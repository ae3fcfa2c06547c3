package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.util.List;
import java.util.Set;

/**
 * How to read a file, from the mapping section: its format (else {@code --format}, else the file's
 * extension), and for delimited text whether the first row is a header, the delimiter (else
 * detected), and the column names (required to name the columns of a file without a header).
 */
record SourceOptions(SourceFormat format, boolean header, String delimiter, List<String> columns) {
    static final Set<String> KEYS = Set.of("format", "header", "delimiter", "columns");

    SourceOptions {
        columns = List.copyOf(columns);
    }

    static SourceOptions defaults() {
        return new SourceOptions(null, true, null, List.of());
    }

    static SourceOptions read(MappingNode n) {
        SourceFormat format = n.has("format") ? SourceFormat.parse(n.text("format"), n.keyOf("format")) : null;
        String delimiter = n.has("delimiter") ? n.text("delimiter") : null;
        if (delimiter != null && delimiter.isEmpty()) throw new ConfigException(n.keyOf("delimiter"), "must not be empty");
        return new SourceOptions(format, n.bool("header", true), delimiter, n.strings("columns"));
    }

    /** The format to read {@code file} with: the mapping's, else the command line's, else the extension's. */
    SourceFormat formatFor(java.nio.file.Path file, SourceFormat commandLine, String option) {
        if (format != null) return format;
        if (commandLine != null) return commandLine;
        return SourceFormat.of(file, option);
    }
}
