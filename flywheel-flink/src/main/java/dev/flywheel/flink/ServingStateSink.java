package dev.flywheel.flink;

import dev.flywheel.feature.FeatureStateStore;
import dev.flywheel.feature.ServingStateBatch;
import dev.flywheel.flink.internal.TopologyOperator;
import dev.flywheel.outcome.Outcome;
import java.io.Serializable;
import java.util.function.Supplier;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Writes the serving state the topology hands on (feature states, learner states, consumed items,
 * catalog entries and applied offsets that changed, drained on a timer and before every barrier:
 * {@link ServingStateBatch}) to a {@link FeatureStateStore} ({@link FeatureStateStore#publish}) as
 * each batch arrives, not when a checkpoint completes: servers read it, so its latency is what they
 * are behind. At least once, which is safe: the store keeps the newest position per key (catalog
 * entries once per seq, offsets only upwards), so a batch written again, or older states a
 * restored job emits again, change nothing. A batch is written before the barrier after it passes
 * on, so a completed checkpoint never leaves a change unwritten behind it; a failed write fails the
 * job, which restores and emits the changes again.
 */
public final class ServingStateSink implements Sink<byte[]> {
    private static final long serialVersionUID = 1L;
    public static final String UID = "flywheel-serving-state";
    private final Opener store;

    /** Opens the store where the writer runs. */
    public interface Opener extends Supplier<FeatureStateStore>, Serializable { }

    public ServingStateSink(Opener store) {
        this.store = store;
    }

    /** Sends the job's serving state batches to {@code store}; the outcomes are the topology's own output. */
    public static void attach(JobOutputs outputs, Opener store) {
        DataStream<byte[]> batches = ((SingleOutputStreamOperator<Outcome>) outputs.outcomes())
                .getSideOutput(TopologyOperator.SERVING_STATE);
        batches.sinkTo(new ServingStateSink(store)).name("serving-state").uid(UID).setParallelism(1);
    }

    @Override
    public SinkWriter<byte[]> createWriter(WriterInitContext context) {
        return new Writer(store.get());
    }

    private static final class Writer implements SinkWriter<byte[]> {
        private final FeatureStateStore store;

        Writer(FeatureStateStore store) {
            this.store = store;
        }

        @Override
        public void write(byte[] batch, Context context) {
            store.publish(ServingStateBatch.fromBytes(batch));
        }

        @Override
        public void flush(boolean endOfInput) {
            // every batch was written when it came
        }

        @Override
        public void close() throws Exception {
            store.close();
        }
    }
}
