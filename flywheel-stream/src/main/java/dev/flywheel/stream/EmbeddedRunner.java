package dev.flywheel.stream;

import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogFollower;
import dev.flywheel.log.LogReader;
import java.util.List;

/**
 * Runs stream operators in this process: one thread follows the log from the beginning and hands
 * every entry to every operator in seq order. Replaying from the start on each start rebuilds all
 * in-memory state (catalog, features, learners) from the truth; checkpoints can shorten that later.
 * Operators must not throw: an entry is not handed out twice.
 */
public final class EmbeddedRunner extends LogFollower {
    private static final int CHUNK = 10_000;
    private final List<LogConsumer> operators;
    private final LogReader reader;

    public EmbeddedRunner(EventLog log, List<LogConsumer> operators) {
        super(log, "flywheel-stream-runner", -1);
        this.operators = List.copyOf(operators);
        this.reader = log.reader(0);
    }

    @Override
    protected int step() {
        int[] n = {0};
        reader.poll(CHUNK, e -> {
            for (LogConsumer op : operators) op.accept(e);
            progressTo(e.seq());
            n[0]++;
        });
        if (n[0] > 0) operators.forEach(LogConsumer::flush);
        return n[0];
    }

    @Override
    public void close() {
        super.close();
        reader.close();
    }
}
