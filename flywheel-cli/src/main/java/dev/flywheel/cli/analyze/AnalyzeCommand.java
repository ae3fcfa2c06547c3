package dev.flywheel.cli.analyze;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code flywheel analyze}: the parent of the analysis subcommands; alone it prints its usage. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse CSV exports or an engine's store (--data): experiments, off-policy evaluation, "
                + "observational effects, funnels, the uplift ledger of model versions.",
        subcommands = {ExperimentCommand.class, OpeCommand.class, EffectCommand.class, FunnelCommand.class, LedgerCommand.class})
public final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
