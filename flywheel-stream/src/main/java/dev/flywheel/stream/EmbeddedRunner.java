package dev.flywheel.stream;

import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogFollower;
import dev.flywheel.log.LogReader;
import java.time.Duration;
import java.util.List;

/**
 * Runs stream operators in this process: one thread follows the log from the beginning and hands
 * every entry to every operator in seq order. Replaying from the start on each start rebuilds all
 * in-memory state (catalog, features, learners) from the truth; checkpoints can shorten that later.
 * Operators must not throw: an entry is not handed out twice.
 *
 * <p>When the log has been quiet for a while, the runner tells its operators ({@link LogConsumer#idle},
 * at most once a second) on the same thread: entries alone move event time only as far as the newest
 * one, so without it the windows of the last decisions before a quiet spell would stay open, and a
 * model would wait for more history before training on what came. The quiet spell is long enough
 * that a product streaming its history does not pause that long between two of its batches.
 */
public final class EmbeddedRunner extends LogFollower {
    private static final int CHUNK = 10_000;
    private static final long IDLE_EVERY_NANOS = 1_000_000_000L;
    private final List<LogConsumer> operators;
    private final LogReader reader;
    private final long quietNanos;
    private long lastEntry = System.nanoTime();
    private long lastIdle;

    public EmbeddedRunner(EventLog log, List<LogConsumer> operators) {
        this(log, operators, Duration.ofDays(3650));
    }

    /** @param quiet how long the log must have had nothing new before the operators are told it is idle */
    public EmbeddedRunner(EventLog log, List<LogConsumer> operators, Duration quiet) {
        super(log, "flywheel-stream-runner", -1);
        this.operators = List.copyOf(operators);
        this.reader = log.reader(0);
        this.quietNanos = quiet.toNanos();
    }

    /** Tells the operators the log is idle now, on the calling thread: for a caller that knows (before {@link #start}). */
    public void idleNow() {
        operators.forEach(LogConsumer::idle);
        operators.forEach(LogConsumer::flush);
    }

    @Override
    protected int step() {
        int[] n = {0};
        reader.poll(CHUNK, e -> {
            for (LogConsumer op : operators) op.accept(e);
            progressTo(e.seq());
            n[0]++;
        });
        long now = System.nanoTime();
        if (n[0] > 0) {
            lastEntry = now;
            operators.forEach(LogConsumer::flush);
        } else if (now - lastEntry >= quietNanos && now - lastIdle >= IDLE_EVERY_NANOS) {
            lastIdle = now;
            idleNow();
        }
        return n[0];
    }

    @Override
    public void close() {
        super.close();
        reader.close();
    }
}
