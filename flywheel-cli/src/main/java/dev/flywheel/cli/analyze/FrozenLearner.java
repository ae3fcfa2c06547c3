package dev.flywheel.cli.analyze;

import dev.flywheel.analysis.LearnerSlatePolicy;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.config.LoopSettings;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.ContentBandit;
import dev.flywheel.model.ContentBanditSettings;
import dev.flywheel.store.file.SegmentedFileLog;
import dev.flywheel.stream.EmbeddedRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A frozen copy of a loop's learner for {@code analyze ope --target learner}: a fresh
 * {@link ContentBandit} with the loop's settings, trained by replaying the data directory's log in
 * the engine's operator order (catalog, outcome join, learner) up to a cut time, then asked without
 * further updates. Items are replayed whatever their time (the catalog must know every candidate);
 * decisions and events stamped after the cut are not.
 */
final class FrozenLearner {
    private FrozenLearner() { }

    static LearnerSlatePolicy trainedUntil(Path dataDir, FlywheelConfig config, String loop, Instant cut) {
        LoopSettings l = config.loop(loop).orElseThrow(() -> new IllegalArgumentException("--loop '" + loop
                + "' is not in --config: --target learner needs the loop's learner settings"));
        if (!l.model().equals("content-bandit")) {
            throw new IllegalArgumentException("--target learner: loop '" + loop + "' has model " + l.model()
                    + ", which does not learn");
        }
        Path logDir = dataDir.resolve("log");
        if (!Files.isDirectory(logDir)) {
            throw new IllegalArgumentException("--data: no event log in " + logDir + " to train the learner from");
        }
        ContentBanditSettings settings = ContentBanditSettings.from(l.section());
        Catalog catalog = new Catalog();
        ContentBandit bandit = new ContentBandit(loop, settings, catalog);
        List<LogConsumer> operators = Engine.operators(catalog, Map.of(loop, settings.reward()),
                List.of(bandit::onOutcome), List.of(bandit));
        SegmentedFileLog log = new SegmentedFileLog(logDir, false, config.log().segmentBytes());
        try (EmbeddedRunner runner = new EmbeddedRunner(log, List.of(untilCut(operators, cut)))) {
            runner.catchUp();
        } finally {
            log.close();
        }
        return new LearnerSlatePolicy(bandit::score, settings.sampler());
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
        if (e instanceof LogEntry.DecisionEntry d) {
            return d.decision().timestamp().isAfter(cut);
        }
        if (e instanceof LogEntry.EventEntry v) {
            return v.event().timestamp().isAfter(cut);
        }
        return false;
    }
}
