package dev.flywheel.cli;

import dev.flywheel.config.ConfigException;
import dev.flywheel.log.LogException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flywheel} command. Progress goes to stderr, results to stdout. */
@Command(name = "flywheel", mixinStandardHelpOptions = true, version = "flywheel 0.1.0",
        description = "Closed-loop feedback engine: log decisions, join feedback, learn, measure.",
        subcommands = {ServeCommand.class, DemoCommand.class, KeysCommand.class, BenchCommand.class, ImportCommand.class,
                ModelsCommand.class, SnapshotsCommand.class,
                dev.flywheel.cli.analyze.EvaluateCommand.class, dev.flywheel.cli.analyze.AnalyzeCommand.class,
                dev.flywheel.cli.validate.ValidateCommand.class,
                CommandLine.HelpCommand.class})
public final class Flywheel implements Runnable {

    public static void main(String[] args) {
        NativeLibraryLeftovers.sweepAtStart();
        System.exit(commandLine().execute(args));
    }

    /** The command line with Flywheel's error handling: known failures print one line, exit 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Flywheel());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException || ex instanceof LogException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("flywheel: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
