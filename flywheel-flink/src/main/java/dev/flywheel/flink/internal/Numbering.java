package dev.flywheel.flink.internal;

import dev.flywheel.flink.SourcedEntry;
import java.util.List;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Numbers the entries the topology is about to apply with the job's own dense seq (Kafka has none),
 * chained before the topology at parallelism 1, so the topology sees them in this order and keeps
 * their numbers, and the history written from this stream carries the seqs the topology's state and
 * rows name. The last seq is checkpointed at the same barrier as the topology's state.
 */
public final class Numbering extends RichMapFunction<SourcedEntry, SourcedEntry> implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private transient ListState<Long> state;
    private transient long seq;

    @Override
    public SourcedEntry map(SourcedEntry e) {
        return e.entry() == null ? e : new SourcedEntry(TopologyRun.renumbered(e.entry(), ++seq), e.partition(), e.offset());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        state.update(List.of(seq));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("seq", Types.LONG));
        seq = -1;
        for (Long s : state.get()) seq = s;
    }
}
