package dev.flywheel.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.ingest.IngestStats;
import dev.flywheel.ingest.Materializer;
import dev.flywheel.log.LogAppender;
import dev.flywheel.log.StoredCounts;
import dev.flywheel.server.FlywheelServer;
import dev.flywheel.topology.LoopStatus;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /v1/status}: counts of what is durably stored, and how far each consumer of the log is:
 * the queryable store, the stream operators (learners, features, outcomes) and each loop's batch
 * models, and what log retention archived ({@code log.archive}). The counts are the store's counts at start-up plus what the writer has acknowledged since,
 * so they never lag behind an answered write.
 */
public final class StatusResource {
    private final ObjectMapper json;
    private final StoredCounts atStart;
    private final IngestStats stats;
    private final LogAppender log;
    private final Materializer materializer;
    private final Clock clock;
    private final Instant started;
    private final FlywheelServer.StreamView stream;
    private final java.util.function.Supplier<java.util.Map<String, Object>> archive;

    public StatusResource(ObjectMapper json, StoredCounts atStart, IngestStats stats, LogAppender log,
                          Materializer materializer, Clock clock, FlywheelServer.StreamView stream,
                          java.util.function.Supplier<java.util.Map<String, Object>> archive) {
        this.stream = stream;
        this.archive = archive;
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
        if (materializer != null) logNode.put("applied_seq", materializer.appliedSeq());
        logNode.set("archive", json.valueToTree(archive.get()));
        long last = log.nextSeq() - 1;
        ObjectNode ops = out.putObject("stream");
        ops.put("applied_seq", stream.appliedSeq()).put("lag_entries", Math.max(0, last - stream.appliedSeq()))
                .put("open_windows", stream.openWindows());
        ops.set("checkpoints", json.valueToTree(stream.checkpoints()));
        ObjectNode loops = out.putObject("loops");
        for (LoopStatus l : stream.loops()) loop(loops.putObject(l.loop()), l, last);
        ObjectNode unknown = out.putObject("unknown_loops");
        stream.unknownLoops().forEach(unknown::put);
        ObjectNode unjoined = out.putObject("unjoined");
        stream.unjoined().forEach(unjoined::put);
        out.put("started", started.toString());
        out.put("uptime_seconds", clock.instant().getEpochSecond() - started.getEpochSecond());
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    private void loop(ObjectNode n, LoopStatus l, long last) {
        n.put("learner_applied_seq", stream.appliedSeq()).put("learner_lag_entries", Math.max(0, last - stream.appliedSeq()))
                .put("outcomes_trained", l.outcomesTrained());
        ObjectNode c = n.putObject("collaborative");
        c.put("interactions", l.interactions()).put("training", l.training());
        if (l.trainedSeq() == null) {
            c.putNull("trained_up_to_seq");
            return;
        }
        c.put("trained_up_to_seq", l.trainedSeq()).put("trained_lag_entries", Math.max(0, last - l.trainedSeq()))
                .put("trained_until", l.trainedUntil().toString()).put("last_training_seconds", l.trainingTook().toMillis() / 1e3);
    }
}
