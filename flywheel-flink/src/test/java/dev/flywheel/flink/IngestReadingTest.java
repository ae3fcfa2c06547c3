package dev.flywheel.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.flink.ingest.IngestReading;
import dev.flywheel.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code <p>.ingest} records through the job's reading step on a MiniCluster: accepted records go on
 * as log entries in order, every refusal (a bad record of a batch, a body that says not what it
 * holds, a record breaking the suite) leaves on the quarantine output with its field, none is lost.
 */
class IngestReadingTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static Tuple3<String, byte[], Long> record(String kind, String json, long at) {
        return Tuple3.of(kind, json.getBytes(StandardCharsets.UTF_8), at);
    }

    private static String event(String id, String type, Double value) {
        return "{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"timestamp\": \"2026-11-27T10:15:30Z\", \"user\": \"u-1\", "
                + "\"loop\": \"feed\", \"item\": \"a-1\"" + (value == null ? "" : ", \"value\": " + value) + "}";
    }

    @Test
    void acceptedRecordsGoOnAndEveryRefusalIsQuarantinedWithItsField() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<Tuple3<String, byte[], Long>> in = List.of(
                record("event", event("e-1", "click", null), 10),
                record(null, "{\"events\": [" + event("e-2", "dwell", 12.0) + ", " + event("e-3", "dwell", 99999.0) + ", "
                        + event("e-4", "no such type", null) + "]}", 20),
                record(null, event("e-5", "like", null), 30),
                record("item", "{\"id\": \"a-1\", \"title\": \"A\"}", 40));
        SingleOutputStreamOperator<LogEntry> read = env.fromData(in, IngestReading.RECORD)
                .process(new IngestReading(IngestReadingConfig.CONFIG), FlywheelTypes.LOG_ENTRY);
        read.sinkTo(new Collect<>("ingest-accepted"));
        read.getSideOutput(IngestReading.QUARANTINED).sinkTo(new Collect<>("ingest-quarantined"));
        env.execute("ingest-reading");

        List<LogEntry> accepted = Collect.seen("ingest-accepted");
        assertEquals(List.of("e-1@10", "e-2@20", "a-1@40"), accepted.stream().map(IngestReadingTest::idAt).toList());
        List<LogEntry.QuarantineEntry> quarantined = Collect.<LogEntry>seen("ingest-quarantined").stream()
                .map(LogEntry.QuarantineEntry.class::cast).toList();
        assertEquals(List.of("event#1 e-3 value", "event#2 e-4 type", "request#-1 null kind"), quarantined.stream()
                .map(q -> q.rejected().source() + "#" + q.rejected().index() + " " + q.rejected().recordId() + " "
                        + q.rejected().errors().get(0).field()).toList());
        assertTrue(quarantined.get(0).rejected().reason().contains("suite feedback"), quarantined.get(0).rejected().reason());
        assertEquals(30, quarantined.get(2).receivedMillis(), "received at the record's time");
    }

    private static String idAt(LogEntry e) {
        String id = e instanceof LogEntry.EventEntry x ? x.event().id() : ((LogEntry.ItemEntry) e).item().id();
        return id + "@" + e.receivedMillis();
    }

    /** A loop and a suite whose row-level expectation refuses long dwells. */
    static final class IngestReadingConfig {
        static final String CONFIG = """
                loops:
                  - name: feed
                expectations:
                  - suite:
                      expectation_suite_name: feedback
                      expectations:
                        - {expectation_type: expect_column_values_to_be_between, kwargs: {column: value, min_value: 0, max_value: 3600}}
                    event_types: [dwell]
                    on_row_failure: quarantine
                """;

        private IngestReadingConfig() { }
    }
}
