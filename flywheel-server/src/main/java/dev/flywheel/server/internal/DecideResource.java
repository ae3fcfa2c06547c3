package dev.flywheel.server.internal;

import dev.flywheel.json.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.InvalidRecordException;
import dev.flywheel.ingest.IngestBatch;
import dev.flywheel.ingest.IngestPipeline;
import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.Slate;
import dev.flywheel.log.LogAppender;
import dev.flywheel.server.ApiException;
import dev.flywheel.server.FlywheelServer;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code POST /v1/loops/{loop}/decide}: asks the loop's policy for a slate, logs it as a decision
 * (durably, before answering, so feedback always finds it) and answers with the decision id. With
 * {@code "log": false} the ranking is answered without a decision (nothing to join feedback to), and
 * counted.
 *
 * <p>A decision ranks with what the stream operators (features, learners, consumed items) have
 * applied, and the learner later trains on the inputs as of the decision's place in the log; the two
 * agree only when the operators had caught up with the log when it was answered. So decide first
 * waits, up to {@code server.decide_wait}, until they are at most {@code server.decide_max_lag}
 * entries behind what was acknowledged before the request. Without it, a stream slowed until it fell
 * a few simulated rounds behind the article demo (as an overloaded machine can slow it) had those
 * rounds ranked with a state rounds old while training recorded the current one: single rounds at
 * about half the like rate, clicks at or below the random policy's. An answer that is still further
 * behind after the wait says by how many entries ({@code stream_lag}) and is counted
 * ({@code flywheel_decide_behind_total}).
 */
public final class DecideResource {
    private static final Set<String> FIELDS = Set.of("user", "context", "candidates", "k", "explain", "log", "version");
    private final ObjectMapper json;
    private final Map<String, LoopPolicy> loops;
    private final IngestPipeline pipeline;
    private final Clock clock;
    private final LongAdder unlogged;
    private final Freshness freshness;

    /**
     * How far behind the log a decision may rank: the log's end when a request arrives, the stream
     * operators' progress, the most entries they may lag, how long to wait for them, and the counter of
     * answers that were still further behind.
     */
    public record Freshness(LogAppender log, FlywheelServer.StreamView stream, long maxLag, long waitMillis, LongAdder behind) {
        /** Waits until the operators are close enough to the log's end; returns how many entries they still lag when further. */
        long await() {
            long acknowledged = log.nextSeq() - 1;
            long wanted = acknowledged - maxLag;
            if (stream.appliedSeq() >= wanted) return 0;
            stream.awaitSeq(wanted, waitMillis);
            long lag = acknowledged - stream.appliedSeq();
            if (lag <= maxLag) return 0;
            behind.increment();
            return lag;
        }
    }

    public DecideResource(ObjectMapper json, Map<String, LoopPolicy> loops, IngestPipeline pipeline, Clock clock,
                          LongAdder unlogged, Freshness freshness) {
        this.json = json;
        this.loops = Map.copyOf(loops);
        this.pipeline = pipeline;
        this.clock = clock;
        this.unlogged = unlogged;
        this.freshness = freshness;
    }

    public void handle(Context ctx) throws Exception {
        long t0 = System.nanoTime();
        String loop = ctx.pathParam("loop");
        LoopPolicy policy = loops.get(loop);
        if (policy == null) throw new ApiException(404, "no loop named " + loop + "; loops are declared in flywheel.yaml", List.of(new FieldError("loop", "unknown")));
        DecideRequest req = request(loop, json.readTree(Bodies.read(ctx, 1 << 20)));
        long lag = freshness.await();
        Instant now = clock.instant();
        Choice choice;
        try {
            choice = policy.decide(req, now);
        } catch (InvalidRecordException e) {
            throw new ApiException(400, e.getMessage(), e.errors());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("request", e.getMessage());
        } catch (java.util.NoSuchElementException e) {
            throw new ApiException(404, e.getMessage(), List.of(new FieldError("version", "unknown")));
        } catch (UnsupportedOperationException e) {
            throw new ApiException(409, e.getMessage(), List.of(new FieldError("loop", "not decided by Flywheel")));
        }
        if (!req.log()) {
            unlogged.increment();
            ctx.contentType("application/json").result(render(null, choice, req.explain(), lag, t0));
            return;
        }
        Decision d = choice.decision("d-" + UUID.randomUUID(), req, now);
        ctx.future(() -> pipeline.submit(new IngestBatch(List.of(d), List.of()))
                .thenAccept(r -> ctx.contentType("application/json").result(render(d, choice, req.explain(), lag, t0))));
    }

    private static DecideRequest request(String loop, JsonNode body) {
        if (body == null || !body.isObject()) throw ApiException.badRequest("body", "must be a JSON object with user");
        List<FieldError> errors = new ArrayList<>();
        Fields f = new Fields(body, "", errors);
        f.only(FIELDS, "");
        String user = f.key("user");
        String version = f.key("version");
        String context = f.object("context");
        JsonNode cands = f.array("candidates");
        Double k = f.number("k");
        JsonNode explain = body.get("explain");
        if (explain != null && !explain.isBoolean()) f.fail("explain", "must be true or false");
        JsonNode log = body.get("log");
        if (log != null && !log.isBoolean()) f.fail("log", "must be true or false");
        if (k != null && k != Math.rint(k)) f.fail("k", "must be a whole number");
        List<String> candidates = cands == null ? null : strings(cands, errors);
        if (!errors.isEmpty()) throw new ApiException(400, errors.get(0).field() + ": " + errors.get(0).message(), errors);
        try {
            return new DecideRequest(loop, user, context, candidates, k == null ? 10 : k.intValue(),
                    explain != null && explain.asBoolean(), log == null || log.asBoolean(), version);
        } catch (InvalidRecordException e) {
            throw new ApiException(400, e.getMessage(), e.errors());
        }
    }

    private static List<String> strings(JsonNode arr, List<FieldError> errors) {
        List<String> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            if (arr.get(i).isTextual()) out.add(arr.get(i).textValue());
            else errors.add(new FieldError("candidates[" + i + "]", "must be a string"));
        }
        return out;
    }

    /** The answer; {@code d} is null for a ranking that was not logged, {@code lag} 0 unless it ranked too far behind. */
    private byte[] render(Decision d, Choice choice, boolean explain, long lag, long t0) {
        ObjectNode out = json.createObjectNode();
        if (d == null) out.putNull("decision");
        else out.put("decision", d.id());
        out.put("model", choice.model()).put("arm", choice.arm()).put("arm_probability", choice.armProbability())
                .put("period", choice.period());
        ArrayNode items = out.putArray("items");
        for (Slate.Slot s : choice.slate().slots()) {
            ObjectNode o = items.addObject().put("item", s.item()).put("score", s.score()).put("propensity", s.propensity());
            if (explain) {
                ObjectNode fv = o.putObject("features");
                s.features().forEach(fv::put);
                ArrayNode because = o.putArray("because");
                s.reasons().forEach(because::add);
            }
        }
        if (!choice.unknownCandidates().isEmpty()) {
            ArrayNode unknown = out.putArray("unknown_candidates");
            choice.unknownCandidates().forEach(unknown::add);
        }
        if (lag > 0) out.put("stream_lag", lag);
        out.put("took_ms", (System.nanoTime() - t0) / 1e6);
        try {
            return json.writeValueAsBytes(out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
