package dev.flywheel.flink.ingest;

import dev.flywheel.flink.FlywheelTypes;
import dev.flywheel.flink.internal.ConfigText;
import dev.flywheel.log.LogEntry;
import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The job's step for {@code <p>.ingest}: each record (its {@code kind} header or null, its JSON value,
 * its timestamp) read by {@link IngestRecords}; accepted records go on as log entries, to the dedupe
 * and the topology like the servers' entries; refused ones leave on {@link #QUARANTINED} (for the
 * {@code <p>.quarantine} topic) and are counted in the metric {@code flywheel_ingest_quarantined},
 * bodies refused whole also in {@code flywheel_ingest_refused_bodies}. Nothing read is dropped unseen.
 */
public final class IngestReading extends ProcessFunction<Tuple3<String, byte[], Long>, LogEntry> {
    private static final long serialVersionUID = 1L;
    /** A raw {@code <p>.ingest} record: kind header (nullable), value, timestamp (epoch millis). */
    public static final TypeInformation<Tuple3<String, byte[], Long>> RECORD =
            Types.TUPLE(Types.STRING, Types.PRIMITIVE_ARRAY(Types.BYTE), Types.LONG);
    public static final OutputTag<LogEntry> QUARANTINED = new OutputTag<>("ingest-quarantined", FlywheelTypes.LOG_ENTRY);
    private final String configText;
    private transient IngestRecords records;
    private transient Counter quarantined;
    private transient Counter refusedBodies;

    /** @param configText the engine's configuration, whose admission and suites judge the records */
    public IngestReading(String configText) {
        this.configText = configText;
    }

    @Override
    public void open(OpenContext context) {
        records = IngestRecords.of(ConfigText.parse(configText), Clock.systemUTC());
        quarantined = getRuntimeContext().getMetricGroup().counter("flywheel_ingest_quarantined");
        refusedBodies = getRuntimeContext().getMetricGroup().counter("flywheel_ingest_refused_bodies");
    }

    @Override
    public void processElement(Tuple3<String, byte[], Long> r, Context ctx, Collector<LogEntry> out) {
        for (LogEntry e : records.read(r.f0, r.f1, r.f2)) {
            if (e instanceof LogEntry.QuarantineEntry q) {
                quarantined.inc();
                if (q.rejected().index() < 0) refusedBodies.inc();
                ctx.output(QUARANTINED, e);
            } else {
                out.collect(e);
            }
        }
    }
}
