package dev.flywheel.flink;

import dev.flywheel.flink.internal.Dedupe;
import dev.flywheel.flink.internal.Numbering;
import dev.flywheel.flink.internal.TopologyOperator;
import dev.flywheel.log.LogEntry;
import dev.flywheel.outcome.Outcome;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
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
    public static final String UNPLACED_UID = "flywheel-unplaced";
    public static final String APPLIED_UID = "flywheel-applied";

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
        return wireSourced(unplaced(entries), settings, checkpointed);
    }

    /** Entries of a source that has no places ({@link SourcedEntry#unplaced}). */
    public static DataStream<SourcedEntry> unplaced(DataStream<LogEntry> entries) {
        return entries.map((MapFunction<LogEntry, SourcedEntry>) SourcedEntry::unplaced).returns(FlywheelTypes.SOURCED_ENTRY)
                .name("unplaced").uid(UNPLACED_UID);
    }

    /**
     * {@link #wire} for entries that may carry the place they were read at (the log topic's): the
     * topology publishes, per partition, the highest offset it applied. That offset says every
     * earlier one of its partition was applied as long as each partition's entries reach the
     * topology in offset order, which holds when the dedupe runs at parallelism 1 (with several
     * dedupe subtasks, a partition's users are spread over them and may overtake each other).
     */
    public static JobOutputs wireSourced(DataStream<SourcedEntry> entries, JobSettings settings, boolean checkpointed) {
        DataStream<SourcedEntry> unique = byUser(entries)
                .process(new Dedupe(settings.dedupeHorizon()), FlywheelTypes.SOURCED_ENTRY).name("dedupe").uid(DEDUPE_UID);
        DataStream<SourcedEntry> numbered = unique.map(new Numbering()).returns(FlywheelTypes.SOURCED_ENTRY).name("numbering")
                .uid(NUMBERING_UID).setParallelism(1).setMaxParallelism(1);
        SingleOutputStreamOperator<Outcome> topology = numbered.transform("topology", FlywheelTypes.OUTCOME,
                        new TopologyOperator(settings.config(), settings.chunk(), settings.flushInterval().toMillis(),
                                settings.quiet().toMillis(), checkpointed, settings.featureFlush().toMillis(),
                                settings.checkpointRebase()))
                .uid(TOPOLOGY_UID).setParallelism(1).setMaxParallelism(1);
        return new JobOutputs(topology, topology.getSideOutput(TopologyOperator.UNJOINED),
                topology.getSideOutput(TopologyOperator.SERVED), topology.getSideOutput(TopologyOperator.ALERTS),
                topology.getSideOutput(TopologyOperator.FINAL_STATE), applied(numbered));
    }

    /**
     * The entries keyed by user for the dedupe. At parallelism 1 every key is the one subtask's, so
     * the stream is taken as keyed as it is: the source, the dedupe and the topology run chained in one
     * thread, without serialising each entry across an exchange (9 % of the task's time at 1M entries,
     * docs/performance.md). The dedupe's state is kept by key group either way.
     */
    private static KeyedStream<SourcedEntry, String> byUser(DataStream<SourcedEntry> entries) {
        if (entries.getParallelism() == 1 && entries.getExecutionEnvironment().getParallelism() == 1) {
            return DataStreamUtils.reinterpretAsKeyedStream(entries, new Dedupe.Key(), Types.STRING);
        }
        return entries.keyBy(new Dedupe.Key(), Types.STRING);
    }

    /** The entries the topology applies, without the places of dropped repeats. */
    private static DataStream<LogEntry> applied(DataStream<SourcedEntry> numbered) {
        return numbered.flatMap((FlatMapFunction<SourcedEntry, LogEntry>) (e, out) -> {
            if (e.entry() != null) out.collect(e.entry());
        }).returns(FlywheelTypes.LOG_ENTRY).name("applied").uid(APPLIED_UID).setParallelism(1).setMaxParallelism(1);
    }
}
