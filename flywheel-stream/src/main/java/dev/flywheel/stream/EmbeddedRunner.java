package dev.flywheel.stream;

import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogFollower;
import dev.flywheel.log.LogReader;
import java.time.Duration;
import java.util.List;

/**
 * Runs stream operators in this process: one thread follows the log and hands every entry to every
 * operator in seq order. Without a checkpoint it starts from the beginning, rebuilding all in-memory
 * state (catalog, features, learners) from the truth; started after a restored checkpoint, it goes on
 * from the entry after it. With {@link Checkpointing} it checkpoints the operators between chunks, on
 * its own thread, so the state written is exactly that after the last entry applied.
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
    private final List<?> stateHolders;
    private final Checkpointing checkpointing;
    private long lastEntry = System.nanoTime();
    private long lastIdle;
    private long checkpointedSeq;
    /** The position of the last idle that was checkpointed (or restored from a checkpoint taken after it). */
    private long idleCheckpointedSeq = Long.MIN_VALUE;
    /** The position of the last idle the operators were told of: a checkpoint there holds what it changed. */
    private volatile long idledSeq = Long.MIN_VALUE;
    /** An idle's checkpoint not written yet: the runner's thread writes it before it applies another entry. */
    private volatile boolean idleCheckpointOwed;
    private java.time.Instant checkpointedAt;
    private volatile RuntimeException checkpointFailure;

    public EmbeddedRunner(EventLog log, List<LogConsumer> operators) {
        this(log, operators, Duration.ofDays(3650));
    }

    /** @param quiet how long the log must have had nothing new before the operators are told it is idle */
    public EmbeddedRunner(EventLog log, List<LogConsumer> operators, Duration quiet) {
        this(log, operators, quiet, -1, false, List.of(), null);
    }

    /**
     * @param after         the last entry the operators' state already reflects (a restored
     *                      checkpoint's seq), -1 for none
     * @param afterIdle     whether that state was taken after an idle at {@code after}
     *                      ({@link dev.flywheel.state.Checkpoint#afterIdle}): the first idle there is then
     *                      not checkpointed again
     * @param stateHolders  what a checkpoint keeps: the operators and any other state they share
     *                      (see {@link dev.flywheel.state.Checkpoint#of})
     * @param checkpointing when to checkpoint, or null for never
     */
    public EmbeddedRunner(EventLog log, List<LogConsumer> operators, Duration quiet, long after, boolean afterIdle,
                          List<?> stateHolders, Checkpointing checkpointing) {
        super(log, "flywheel-stream-runner", after);
        this.operators = List.copyOf(operators);
        this.reader = log.reader(after + 1);
        this.quietNanos = quiet.toNanos();
        this.stateHolders = List.copyOf(stateHolders);
        this.checkpointing = checkpointing;
        this.checkpointedSeq = after;
        if (afterIdle) {
            idleCheckpointedSeq = after;
            idledSeq = after;
        }
        this.checkpointedAt = checkpointing == null ? null : checkpointing.clock().instant();
    }

    /** The log position of the latest idle (Long.MIN_VALUE: none yet). */
    public long idledSeq() {
        return idledSeq;
    }

    /**
     * Tells the operators the log is idle now, on the calling thread: for a caller that knows (before
     * {@link #start}). The first idle at a log position is checkpointed: it changes state (windows
     * close) without an entry, so a checkpoint taken at this position before it, restored after a
     * crash, would replay the entries that came after the idle without it (CrashRecoveryTest found
     * the join's late counts apart from a replay's). An idle again at the same position finds nothing
     * left to close, so a start from a checkpoint taken after an idle, with no newer entries, writes none.
     * The checkpoint is written on the runner's thread before it applies the next entry: a start that
     * idles does not wait for it.
     */
    public void idleNow() {
        operators.forEach(LogConsumer::idle);
        operators.forEach(LogConsumer::flush);
        idledSeq = progress();
        if (checkpointing != null && progress() != idleCheckpointedSeq) {
            idleCheckpointedSeq = progress();
            idleCheckpointOwed = true;
        }
    }

    @Override
    protected int step() {
        if (idleCheckpointOwed) checkpoint();
        int[] n = {0};
        long[] last = {-1};
        reader.poll(CHUNK, e -> {
            for (LogConsumer op : operators) op.accept(e);
            last[0] = e.seq();
            n[0]++;
        });
        long now = System.nanoTime();
        if (n[0] > 0) {
            lastEntry = now;
            operators.forEach(LogConsumer::flush);
            // applied means flushed: a reader that waited for an entry sees the outcomes it closed in
            // their table and the model it trained published (and a checkpoint is taken at this seq)
            progressTo(last[0]);
            if (checkpointDue()) checkpoint();
        } else if (now - lastEntry >= quietNanos && now - lastIdle >= IDLE_EVERY_NANOS) {
            lastIdle = now;
            idleNow();
        }
        return n[0];
    }

    private boolean checkpointDue() {
        return checkpointing != null && progress() - checkpointedSeq >= checkpointing.entries()
                && !checkpointing.clock().instant().isBefore(checkpointedAt.plus(checkpointing.interval()));
    }

    /**
     * Checkpoints the operators now, on the calling thread: call it on the runner's thread (or before
     * {@link #start}), between chunks. A failure to write is kept for {@link #checkpointFailure} and
     * retried at the next due time: the log still holds everything, so the stream goes on.
     */
    public void checkpoint() {
        if (checkpointing == null) return;
        idleCheckpointOwed = false;
        java.time.Instant now = checkpointing.clock().instant();
        checkpointedSeq = progress();
        checkpointedAt = now;
        try {
            var c = dev.flywheel.state.Checkpoint.of(progress(), now, idledSeq == progress(), stateHolders);
            if (c != null) checkpointing.store().save(c);
            checkpointFailure = null;
        } catch (RuntimeException e) {
            checkpointFailure = e;
        }
    }

    /** The last checkpoint's failure, null when it was written (or none was due yet). */
    public RuntimeException checkpointFailure() {
        return checkpointFailure;
    }

    /** The seq of the last checkpoint taken (or restored), -1 for none. */
    public long checkpointedSeq() {
        return checkpointedSeq;
    }

    @Override
    public void close() {
        super.close();
        reader.close();
    }
}
