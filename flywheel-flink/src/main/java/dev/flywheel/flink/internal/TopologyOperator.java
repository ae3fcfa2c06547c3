package dev.flywheel.flink.internal;

import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.feature.ServingStateBatch;
import dev.flywheel.flink.SourcedEntry;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import dev.flywheel.state.Checkpoint;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The whole topology as one Flink operator (parallelism 1: it is one ordered list over all loops).
 * Its state is the topology's checkpoint, in the bytes the embedded engine writes, as raw operator
 * state ({@link CheckpointState}); its outputs are the rows the operators write: outcomes on
 * the main output, unjoined feedback, served features and alerts on side outputs, and at the end of
 * a bounded input the final state.
 *
 * <p>A lower-level operator rather than a ProcessFunction because rows must be emitted before a
 * checkpoint barrier ({@link #prepareSnapshotPreBarrier}): rows still buffered in the operators when
 * the barrier passed would belong to the next epoch while the state says they were written.
 *
 * <p>Flushes, as the embedded runner's chunks: every {@code chunk} entries, on a timer once entries
 * wait, before each barrier and at the end of the input. When no entry came for {@code quiet}, the
 * operators are told the input is idle (windows close); with checkpoints on, that happens just
 * before the next barrier, so the idle is part of the state that checkpoint holds and a restore
 * replays the entries after it exactly (an idle taken between two checkpoints and lost with a failure
 * would be replayed without, which the embedded engine once got wrong).
 *
 * <p>The serving state for servers ({@link StatePublisher}): every loop's features record the keys
 * they change and its consumed items the users; those, each loop's learner state when it changed,
 * the catalog entries applied and the log topic's offsets applied, all as of the position they are
 * at, are drained on a timer ({@code featureFlush}, so a server sees a change within it plus the
 * sink's write) and before each barrier (so a change before a checkpoint is handed on before it
 * completes: after a restore the replay re-emits only what came after), as one batch
 * ({@link ServingStateBatch#toBytes}) on {@link #SERVING_STATE}. A restore emits states again at
 * positions a store already holds; a store keeps the newest. The offsets are checkpointed with the
 * topology's state.
 */
public final class TopologyOperator extends AbstractStreamOperator<Outcome>
        implements OneInputStreamOperator<SourcedEntry, Outcome>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<Unjoined> UNJOINED = new OutputTag<>("unjoined", new CodecTypeInfo<>(RowKind.UNJOINED));
    public static final OutputTag<ServedFeatures> SERVED = new OutputTag<>("served-features", new CodecTypeInfo<>(RowKind.SERVED_FEATURES));
    public static final OutputTag<Alert> ALERTS = new OutputTag<>("alerts", new CodecTypeInfo<>(RowKind.ALERT));
    /** Batches of the changed serving state, each {@link ServingStateBatch#toBytes}. */
    public static final OutputTag<byte[]> SERVING_STATE = new OutputTag<>("serving-state",
            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    public static final OutputTag<Checkpoint> FINAL_STATE = new OutputTag<>("final-state", new CodecTypeInfo<>(RowKind.CHECKPOINT));
    /** Accumulator: the seq of the checkpoint this attempt restored (-1: none). */
    public static final String RESTORED_SEQ = "flywheel-restored-seq";
    /** Accumulator: the most change sets after one operator's base in the checkpoint this attempt restored. */
    public static final String RESTORED_CHANGE_SETS = "flywheel-restored-change-sets";

    private final String configText;
    private final int chunk;
    private final long flushMillis;
    private final long quietMillis;
    private final boolean checkpointed;
    private final long featureFlushMillis;
    private final double rebaseShare;
    private transient TopologyRun run;
    private transient CheckpointState state;
    private transient StatePublisher publisher;
    private transient int unflushed;
    private transient long lastEntryMillis;
    /** The input has been quiet long enough: idle at the next barrier (or now, without checkpoints). */
    private transient boolean idleDue;
    /** Idled since the last entry: once per quiet spell. */
    private transient boolean idled;

    public TopologyOperator(String configText, int chunk, long flushMillis, long quietMillis, boolean checkpointed,
                            long featureFlushMillis, double rebaseShare) {
        this.featureFlushMillis = featureFlushMillis;
        this.rebaseShare = rebaseShare;
        this.configText = configText;
        this.chunk = chunk;
        this.flushMillis = flushMillis;
        this.quietMillis = quietMillis;
        this.checkpointed = checkpointed;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state = new CheckpointState(rebaseShare);
        FlywheelConfig config = ConfigText.parse(configText);
        run = new TopologyRun(config, new Emitter());
        publisher = new StatePublisher(run.topology());
        LongMaximum restored = new LongMaximum(-1);
        getRuntimeContext().addAccumulator(RESTORED_SEQ, restored);
        LongMaximum changeSets = new LongMaximum(0);
        getRuntimeContext().addAccumulator(RESTORED_CHANGE_SETS, changeSets);
        if (context.isRestored()) {
            Checkpoint c = state.load(context.getRawOperatorStateInputs());
            run.restore(c);
            publisher.restore(state.loadOffsets());
            restored.add(c.seq());
            c.changes().values().forEach(sets -> changeSets.add(sets.size()));
        }
        // without checkpoints nothing would ever take the changes recorded
        if (checkpointed) state.track(run.topology().stateHolders());
    }

    @Override
    public void open() throws Exception {
        super.open();
        run.live();
        lastEntryMillis = now();
        idled = true; // nothing to close before the first entry
        schedule();
        scheduleDrain();
    }

    @Override
    public void processElement(StreamRecord<SourcedEntry> element) {
        SourcedEntry s = element.getValue();
        if (s.entry() == null) { // a repeat the dedupe dropped: its offset is applied
            publisher.applied(s.partition(), s.offset());
            return;
        }
        run.apply(s.entry());
        publisher.applied(TopologyRun.renumbered(s.entry(), run.seq()));
        if (s.placed()) publisher.applied(s.partition(), s.offset());
        lastEntryMillis = now();
        idled = false;
        idleDue = false;
        if (++unflushed >= chunk) flush();
    }

    private void schedule() {
        getProcessingTimeService().registerTimer(now() + flushMillis, t -> {
            onTimer();
            schedule();
        });
    }

    private void scheduleDrain() {
        getProcessingTimeService().registerTimer(now() + featureFlushMillis, t -> {
            drainServingState();
            scheduleDrain();
        });
    }

    /** Hands on the serving state changed since the last drain, as of the last entry (and idle). */
    private void drainServingState() {
        ServingStateBatch batch = publisher.drain(run.seq(), idled);
        if (batch != null) output.collect(SERVING_STATE, new StreamRecord<>(batch.toBytes()));
    }

    private void onTimer() {
        if (unflushed > 0) flush();
        if (!idled && !idleDue && now() - lastEntryMillis >= quietMillis) {
            if (checkpointed) {
                idleDue = true;
            } else {
                idle();
            }
        }
    }

    private void flush() {
        run.flush();
        unflushed = 0;
    }

    private void idle() {
        run.idle();
        unflushed = 0;
        idled = true;
        idleDue = false;
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        if (idleDue) idle();
        flush();
        drainServingState();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        state.save(run.seq(), Instant.ofEpochMilli(now()), run.topology().stateHolders());
        state.saveOffsets(publisher.offsets());
        state.write(context.getRawOperatorStateOutput());
    }

    /** A bounded input ended: everything that came is history, so what has ended closes (as at an engine's start). */
    @Override
    public void endInput() {
        idle();
        drainServingState();
        output.collect(FINAL_STATE, new StreamRecord<>(run.checkpoint(Instant.ofEpochMilli(now()))));
    }

    @Override
    public void close() throws Exception {
        if (run != null) run.close();
        super.close();
    }

    private long now() {
        return getProcessingTimeService().getCurrentProcessingTime();
    }

    /** Rows go out as they are written, on the operator's thread. */
    private final class Emitter implements TopologyRun.Outputs {
        @Override
        public void outcome(Outcome o) {
            output.collect(new StreamRecord<>(o));
        }

        @Override
        public void unjoined(Unjoined u) {
            output.collect(UNJOINED, new StreamRecord<>(u));
        }

        @Override
        public void served(ServedFeatures f) {
            output.collect(SERVED, new StreamRecord<>(f));
        }

        @Override
        public void alert(Alert a) {
            output.collect(ALERTS, new StreamRecord<>(a));
        }
    }
}
