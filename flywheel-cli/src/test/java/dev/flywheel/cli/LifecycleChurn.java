package dev.flywheel.cli;

import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.model.TrainingSnapshot;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.rollout.Retrainer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A child process for {@link LifecycleCrashTest}: opens an engine on a data directory and changes
 * its model lifecycle as fast as it can (train a version from a fresh snapshot, shadow, canary,
 * promote or roll back, now and then roll a champion back), printing {@code ACK <seq> <action>
 * <version>} after each change returns, until it is killed.
 */
public final class LifecycleChurn {
    static final String LOOP = "shop";

    private LifecycleChurn() { }

    static Map<String, Object> config() {
        return Map.of("autopilot", Map.of("tick", "0s"), "loops", List.of(Map.of("name", LOOP, "model", "content-bandit", "k", 3,
                "reward", Map.of("weights", Map.of("click", 1.0)), "rollout", Map.of("holdout", 0.1, "initial", "frozen"))));
    }

    public static void main(String[] args) {
        Engine engine = Engine.open(Path.of(args[0]), FlywheelConfig.from(config()).withPort(0), Clock.systemUTC(), null);
        ModelLifecycle life = engine.lifecycle();
        Retrainer retrainer = engine.autopilot().retrainer();
        SplittableRandom rnd = new SplittableRandom(Long.parseLong(args[1]));
        System.out.println("ready");
        System.out.flush();
        while (true) {
            String challenger = life.read(LOOP, l -> l.state().challenger());
            if (challenger != null) ack(life.change(LOOP, Action.ROLLBACK, challenger, "churn", "clear", Map.of()));
            TrainingSnapshot snap = retrainer.snapshot(LOOP);
            VersionRecord v = life.register(retrainer.train(LOOP, snap, "manual"), "churn", "train");
            ack(life.read(LOOP, l -> l.audit().get(l.audit().size() - 1)));
            ack(life.change(LOOP, Action.SHADOW, v.version(), "churn", "shadow", Map.of()));
            ack(life.change(LOOP, Action.CANARY, v.version(), "churn", "canary", Map.of()));
            boolean promote = rnd.nextInt(3) > 0;
            ack(life.change(LOOP, promote ? Action.PROMOTE : Action.ROLLBACK, v.version(), "churn", "verdict",
                    Map.of("statistic", rnd.nextDouble())));
            String champion = life.read(LOOP, l -> l.state().champion());
            if (rnd.nextInt(4) == 0 && life.read(LOOP, l -> l.replaced(champion)) != null) {
                ack(life.change(LOOP, Action.ROLLBACK, champion, "churn", "take the champion back", Map.of()));
            }
        }
    }

    private static void ack(AuditRecord r) {
        System.out.println("ACK " + r.seq() + " " + r.action().label() + " " + r.version());
        System.out.flush();
    }
}
