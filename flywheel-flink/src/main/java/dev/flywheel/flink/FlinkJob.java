package dev.flywheel.flink;

import dev.flywheel.flink.internal.Dedupe;
import dev.flywheel.flink.internal.Numbering;
import dev.flywheel.flink.internal.TopologyOperator;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Flink job: log entries from a source, repeats dropped by id (keyed by user), numbered, then
 * the whole topology in one operator of parallelism 1, whose rows (and the numbered entries, for
 * the history) go to the tables once each checkpoint completes. Operator uids are stable, so a savepoint restores into a newer build of the job.
 */
public final class FlinkJob {
    public static final String DEDUPE_UID = "flywheel-dedupe";
    public static final String TOPOLOGY_UID = "flywheel-topology";
    public static final String NUMBERING_UID = "flywheel-numbering";

    private FlinkJob() { }

    /** What the job needs of its environment: exactly-once checkpoints at the interval, and no type left to Kryo. */
    public static void configure(StreamExecutionEnvironment env, JobSettings settings) {
        env.enableCheckpointing(settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(c);
    }

    /**
     * The job's operators after {@code entries} (typed {@link FlywheelTypes#LOG_ENTRY}), in the order
     * the source hands them on; the caller attaches the sinks ({@link JobOutputs#commitTo}).
     *
     * @param checkpointed whether the environment checkpoints ({@link #configure}); without, the
     *                     operators idle on the timer rather than at a checkpoint
     */
    public static JobOutputs wire(DataStream<LogEntry> entries, JobSettings settings, boolean checkpointed) {
        DataStream<LogEntry> unique = entries.keyBy(new Dedupe.Key(), Types.STRING)
                .process(new Dedupe(settings.dedupeHorizon()), FlywheelTypes.LOG_ENTRY).name("dedupe").uid(DEDUPE_UID);
        DataStream<LogEntry> numbered = unique.map(new Numbering()).returns(FlywheelTypes.LOG_ENTRY).name("numbering").uid(NUMBERING_UID)
                .setParallelism(1).setMaxParallelism(1);
        SingleOutputStreamOperator<Outcome> topology = numbered.transform("topology", FlywheelTypes.OUTCOME,
                        new TopologyOperator(settings.config(), settings.chunk(), settings.flushInterval().toMillis(),
                                settings.quiet().toMillis(), checkpointed, settings.featureFlush().toMillis()))
                .uid(TOPOLOGY_UID).setParallelism(1).setMaxParallelism(1);
        return new JobOutputs(topology, topology.getSideOutput(TopologyOperator.UNJOINED),
                topology.getSideOutput(TopologyOperator.SERVED), topology.getSideOutput(TopologyOperator.ALERTS),
                topology.getSideOutput(TopologyOperator.FINAL_STATE), numbered);
    }
}
