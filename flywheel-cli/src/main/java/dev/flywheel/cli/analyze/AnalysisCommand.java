package dev.flywheel.cli.analyze;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.analysis.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Shared behaviour of the analyze subcommands: run the analysis, print JSON or a table on stdout, and
 * turn bad input into one stderr line and exit code 2 instead of a stack trace.
 */
abstract class AnalysisCommand implements Callable<Integer> {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    /** Runs the analysis and returns the JSON form of the result. */
    abstract ObjectNode analyze() throws IOException;

    /** The human table of the same result. */
    abstract String table(ObjectNode result);

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ObjectNode result = analyze();
            out.println(json ? MAPPER.writeValueAsString(result) : table(result));
            out.flush();
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    /** Reads a CSV, naming the option when the file is missing or unreadable. */
    Table read(Path file, String option) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + ": file not found: " + file);
        }
        spec.commandLine().getErr().println("reading " + file);
        try {
            return Table.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + file + ": " + e.getMessage(), e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Non-finite numbers (an undefined lift, an empty group) become JSON null. */
    static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }
}
