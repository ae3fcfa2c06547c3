package dev.flywheel.flink.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.flink.internal.ConfigText;
import dev.flywheel.ingest.Admission;
import dev.flywheel.json.JsonRecords;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.Rejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records produced to {@code <p>.ingest} are read exactly as the HTTP API reads the same bodies:
 * what the API's readers accept becomes the same record, what they refuse becomes a quarantine
 * entry with the same field errors (a suite's row-level expectation included), and a body that says
 * neither by header nor by batch field what it holds is refused naming the field {@code kind}.
 */
class IngestRecordsTest {
    private static final String CONFIG = """
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
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
    private static final FlywheelConfig PARSED = ConfigText.parse(CONFIG);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IngestRecords ingest = IngestRecords.of(PARSED, CLOCK);
    private final Admission admission = Admission.of(PARSED, CLOCK);

    private static final String CLICK = "{\"id\": \"e-1\", \"type\": \"click\", \"timestamp\": \"2026-11-27T10:15:30Z\", \"user\": \"u-42\", "
            + "\"decision\": \"d-7\", \"loop\": \"feed\", \"item\": \"a-9\"}";
    private static final String LONG_DWELL = "{\"id\": \"e-2\", \"type\": \"dwell\", \"timestamp\": \"2026-11-27T10:15:31Z\", "
            + "\"user\": \"u-42\", \"loop\": \"feed\", \"item\": \"a-9\", \"value\": 99999}";
    private static final String NO_USER = "{\"id\": \"d-8\", \"loop\": \"feed\", \"timestamp\": \"2026-11-27T10:15:30Z\", "
            + "\"items\": [{\"item\": \"a-1\", \"position\": 1, \"propensity\": 1}]}";

    private List<LogEntry> read(String kind, String body) {
        return ingest.read(kind, body.getBytes(StandardCharsets.UTF_8), 1_234L);
    }

    @Test
    void anAcceptedRecordIsTheRecordTheApiReadsReceivedAtTheRecordsTime() throws Exception {
        assertEquals(List.of(new LogEntry.EventEntry(-1, 1_234L, (Event) JsonRecords.event(JSON.readTree(CLICK), admission).record())),
                read("event", CLICK));
    }

    @Test
    void aBatchSaysWhatItHoldsAndItsRefusedRecordsAreQuarantinedWithTheApisErrors() throws Exception {
        List<LogEntry> out = read(null, "{\"events\": [" + CLICK + ", " + LONG_DWELL + "]}");
        assertEquals(2, out.size());
        assertTrue(out.get(0) instanceof LogEntry.EventEntry e && e.event().id().equals("e-1"), out.toString());
        Rejected dwell = ((LogEntry.QuarantineEntry) out.get(1)).rejected();
        List<FieldError> api = JsonRecords.event(JSON.readTree(LONG_DWELL), admission).errors();
        assertEquals(new Rejected("event", 1, "e-2", api, JSON.readTree(LONG_DWELL).toString()), dwell);
        assertTrue(api.get(0).message().contains("expect_column_values_to_be_between(value)"), api.toString());

        Rejected decision = ((LogEntry.QuarantineEntry) read("decision", NO_USER).get(0)).rejected();
        assertEquals(JsonRecords.decision(JSON.readTree(NO_USER), admission).errors(), decision.errors());
        assertEquals("user", decision.errors().get(0).field(), decision.errors().toString());
    }

    @Test
    void aBodyThatIsNoRecordIsRefusedWholeNamingTheField() {
        assertEquals("kind", refusedWhole(null, CLICK).field(), "a single record with no kind header");
        assertEquals("kind", refusedWhole("rating", CLICK).field(), "an unknown kind");
        assertEquals("body", refusedWhole("event", "{\"id\": ").field(), "not JSON");
        assertEquals("events", refusedWhole(null, "{\"events\": 3}").field(), "a batch field that is no list");
        assertEquals("body", refusedWhole("event", "[1, 2]").field(), "not an object");
    }

    private FieldError refusedWhole(String kind, String body) {
        List<LogEntry> out = read(kind, body);
        assertEquals(1, out.size(), out.toString());
        Rejected r = ((LogEntry.QuarantineEntry) out.get(0)).rejected();
        assertEquals("request", r.source());
        assertEquals(body, r.raw());
        return r.errors().get(0);
    }
}
