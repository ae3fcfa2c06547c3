package dev.flywheel.spark;

import dev.flywheel.cli.engine.Engine;
import dev.flywheel.model.TrainingSnapshot;

/** Cuts a loop's training snapshot once the engine has closed every outcome of what it was given. */
final class SnapshotCut {
    private SnapshotCut() { }

    static TrainingSnapshot everything(Engine engine, String loop, long rows) throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (true) {
            engine.awaitStream(60_000);
            TrainingSnapshot s = engine.autopilot().retrainer().snapshot(loop);
            if (s.rows() == rows) return s;
            if (System.nanoTime() > deadline) throw new AssertionError("the snapshot holds " + s.rows() + " rows, not " + rows);
            Thread.sleep(1000);
        }
    }
}
