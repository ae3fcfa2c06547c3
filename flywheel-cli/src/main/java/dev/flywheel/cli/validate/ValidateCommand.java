package dev.flywheel.cli.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flywheel.cli.importer.FileRows;
import dev.flywheel.quality.ExpectationSuite;
import dev.flywheel.quality.RowBatch;
import dev.flywheel.quality.SuiteResult;
import dev.flywheel.quality.SuiteValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flywheel validate}: an expectation suite over a file, offline, with the engine's validator. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate a CSV or JSON-lines file against an expectation suite (a Great Expectations suite "
                + "JSON, 0.x or 1.x layout, or the same fields in YAML). Exit 0 when every expectation succeeds, "
                + "1 when one fails, 2 when the suite or the file cannot be used.")
public final class ValidateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--suite", required = true, description = "suite file: .json (GX) or .yaml/.yml")
    Path suite;

    @Option(names = "--csv", description = "CSV file with a header row; exactly one of --csv and --jsonl")
    Path csv;

    @Option(names = "--jsonl", description = "JSON lines file, one object per row")
    Path jsonl;

    @Option(names = "--json", description = "print GX's validation result as one JSON object instead of one line per expectation")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SuiteResult result;
        long rows;
        try {
            if ((csv == null) == (jsonl == null)) throw new IllegalArgumentException("give exactly one of --csv FILE and --jsonl FILE");
            ExpectationSuite s = SuiteFile.load(suite);
            RowBatch batch = csv != null ? FileRows.csv(csv, "--csv") : FileRows.jsonl(jsonl, "--jsonl");
            rows = batch.rows().size();
            result = SuiteValidator.validate(s, batch);
        } catch (IllegalArgumentException e) {
            err.println("flywheel validate: " + e.getMessage());
            err.flush();
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? JSON.writeValueAsString(ValidationJson.json(result, rows)) : ValidationJson.lines(result, rows));
        out.flush();
        return result.success() ? 0 : 1;
    }
}
