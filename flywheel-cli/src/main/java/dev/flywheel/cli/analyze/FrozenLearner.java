package dev.flywheel.cli.analyze;

import dev.flywheel.analysis.LearnerTargetPolicy;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.model.ContentBanditSpec;
import dev.flywheel.model.ModelVersion;
import dev.flywheel.store.file.SegmentedFileLog;
import dev.flywheel.topology.Topology;
import dev.flywheel.stream.EmbeddedRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A frozen copy of a loop's learner for {@code analyze ope --target learner}: a fresh topology of
 * the one loop (the engine's operators in the engine's order), trained by replaying the data
 * directory's log up to a cut time, then its model version asked without further updates. Items are replayed whatever their time (the catalog must know every candidate);
 * decisions and events stamped after the cut are not.
 */
final class FrozenLearner {
    private FrozenLearner() { }

    static LearnerTargetPolicy trainedUntil(Path dataDir, FlywheelConfig config, String loop, Instant cut) {
        LoopSpec l = config.loop(loop).orElseThrow(() -> new IllegalArgumentException("--loop '" + loop
                + "' is not in --config: --target learner needs the loop's learner settings"));
        if (!(l.model() instanceof ContentBanditSpec)) {
            throw new IllegalArgumentException("--target learner: loop '" + loop + "' has model " + l.model().family()
                    + ", which does not learn");
        }
        Path logDir = dataDir.resolve("log");
        if (!Files.isDirectory(logDir)) {
            throw new IllegalArgumentException("--data: no event log in " + logDir + " to train the learner from");
        }
        Topology topology = Topology.build(List.of(l), new Catalog(), null, true);
        SegmentedFileLog log = dev.flywheel.cli.engine.EngineStorage.log(dataDir, false, config.log().segmentBytes());
        try (EmbeddedRunner runner = new EmbeddedRunner(log, List.of(untilCut(topology.operators(), cut)))) {
            runner.catchUp();
        } finally {
            log.close();
        }
        ModelVersion version = topology.loop(loop).model().champion();
        return new LearnerTargetPolicy(version.scorer(), version.sampler());
    }

    /** Hands the operators the entries up to the cut (items always), and every chunk's flush. */
    private static LogConsumer untilCut(List<LogConsumer> operators, Instant cut) {
        return new LogConsumer() {
            @Override
            public void accept(LogEntry e) {
                if (!after(e, cut)) operators.forEach(op -> op.accept(e));
            }

            @Override
            public void flush() {
                operators.forEach(LogConsumer::flush);
            }
        };
    }

    private static boolean after(LogEntry e, Instant cut) {
        return e.timestamp() != null && e.timestamp().isAfter(cut);
    }
}
