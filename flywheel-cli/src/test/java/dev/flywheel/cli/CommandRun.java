package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** A {@code flywheel} subcommand run in process, as the command line runs it: its exit code and what it printed. */
public record CommandRun(int exit, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() throws IOException {
        return JSON.readTree(out);
    }

    /** Runs {@code flywheel <command> <args…>}. */
    public static CommandRun of(String command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Flywheel.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cmd.execute(all);
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
