package dev.flywheel.cli.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.cli.Flywheel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code flywheel validate} in process, as the {@code flywheel} command does, and writes test files. */
final class Validation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Validation() {
    }

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Flywheel.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cmd.execute(all);
        return new Run(exit, out.toString(), err.toString());
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
