package dev.flywheel.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.ingest.IngestStats;
import dev.flywheel.ingest.Materializer;
import dev.flywheel.log.EventLog;
import dev.flywheel.log.StoredCounts;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /v1/status}: counts of what is durably stored. The counts are the store's counts at
 * start-up plus what the writer has acknowledged since, so they never lag behind an answered write.
 */
public final class StatusResource {
    private final ObjectMapper json;
    private final StoredCounts atStart;
    private final IngestStats stats;
    private final EventLog log;
    private final Materializer materializer;
    private final Clock clock;
    private final Instant started;

    public StatusResource(ObjectMapper json, StoredCounts atStart, IngestStats stats, EventLog log,
                          Materializer materializer, Clock clock) {
        this.json = json;
        this.atStart = atStart;
        this.stats = stats;
        this.log = log;
        this.materializer = materializer;
        this.clock = clock;
        this.started = clock.instant();
    }

    public StoredCounts counts() {
        long q = stats.quarantinedEvents.sum() + stats.quarantinedDecisions.sum() + stats.quarantinedRequests.sum();
        return atStart.plus(new StoredCounts(stats.eventsAccepted.sum(), stats.decisionsAccepted.sum(), q));
    }

    public void handle(Context ctx) throws Exception {
        StoredCounts c = counts();
        ObjectNode out = json.createObjectNode();
        out.put("events", c.events());
        out.put("decisions", c.decisions());
        out.put("quarantined", c.quarantined());
        out.put("duplicates_since_start", stats.duplicates.sum());
        ObjectNode logNode = out.putObject("log");
        logNode.put("next_seq", log.nextSeq());
        logNode.put("applied_seq", materializer.appliedSeq());
        out.put("started", started.toString());
        out.put("uptime_seconds", clock.instant().getEpochSecond() - started.getEpochSecond());
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }
}
