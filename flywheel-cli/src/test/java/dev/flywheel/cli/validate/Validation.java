package dev.flywheel.cli.validate;

import dev.flywheel.cli.CommandRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs {@code flywheel validate} in process, as the {@code flywheel} command does, and writes test files. */
final class Validation {
    private Validation() {
    }

    static CommandRun run(String... args) {
        return CommandRun.of("validate", args);
    }

    /** A suite kept under src/test/resources/quality, as a path. */
    static String resource(String name) {
        try {
            return Path.of(Validation.class.getResource("/quality/" + name).toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource quality/" + name + " missing", e);
        }
    }

    /** RFC 4180 with CRLF, as the Hillstrom file: a field with a comma or a quote is quoted. */
    static Path writeCsv(Path file, List<String> header, List<String[]> rows) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", header)).append("\r\n");
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                String v = row[c];
                boolean quote = v.contains(",") || v.contains("\"");
                sb.append(c == 0 ? "" : ",").append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
            }
            sb.append("\r\n");
        }
        return Files.writeString(file, sb.toString());
    }
}
