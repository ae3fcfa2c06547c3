package dev.flywheel.server;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.json.JsonRecords;
import dev.flywheel.auth.KeyRing;
import dev.flywheel.auth.KeyStore;
import dev.flywheel.auth.Scope;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.ingest.Admission;
import dev.flywheel.ingest.IngestPipeline;
import dev.flywheel.ingest.Materializer;
import dev.flywheel.log.LogAppender;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.outcome.OutcomeStore;
import dev.flywheel.log.RecordStore;
import dev.flywheel.log.StoredCounts;
import dev.flywheel.server.internal.AlertsResource;
import dev.flywheel.server.internal.DecideResource;
import dev.flywheel.server.internal.VersionsResource;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.rollout.Retrainer;
import dev.flywheel.rollout.RolloutData;
import dev.flywheel.model.SnapshotStore;
import dev.flywheel.server.internal.LedgerResource;
import dev.flywheel.server.internal.DecisionsResource;
import dev.flywheel.decision.DecisionHistory;
import dev.flywheel.feature.FeatureLog;
import dev.flywheel.server.internal.SnapshotsResource;
import dev.flywheel.server.internal.Guard;
import dev.flywheel.server.internal.IngestResource;
import dev.flywheel.server.internal.ItemsResource;
import dev.flywheel.server.internal.OutcomesResource;
import dev.flywheel.server.internal.KeysResource;
import dev.flywheel.server.internal.QuarantineResource;
import dev.flywheel.server.internal.ReviewResource;
import dev.flywheel.review.ReviewTasks;
import dev.flywheel.server.internal.ServerMetrics;
import dev.flywheel.server.internal.StatusResource;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;

/**
 * The HTTP API of one engine. It talks to storage only through the core's interfaces; which
 * adapters stand behind them is decided by whoever builds the {@link Parts}.
 */
public final class FlywheelServer implements AutoCloseable {

    /**
     * Everything the server serves from, already opened and caught up.
     *
     * @param log          where the ingest pipeline appends; the server only asks it how much was acknowledged
     * @param materializer what keeps {@code store} caught up with this process's log, waited for to read
     *                     one's own writes; null when no store here is fed from it (in the distributed
     *                     shape the servers append to Kafka and the Flink job feeds the stores)
     * @param webhook where alerts are sent, shown by its counters; null when no webhook is configured
     * @param archive what log retention has archived ({@code retention_seconds}, null when it is off;
     *                {@code archived_segments}, {@code archived_entries}, {@code archived_bytes}, ...)
     */
    public record Parts(FlywheelConfig config, Clock clock, LogAppender log, RecordStore store,
                        StoredCounts countsAtStart, IngestPipeline pipeline, Materializer materializer,
                        Admission admission, KeyStore keyStore, KeyRing keyRing, Catalog catalog,
                        StreamView stream, Map<String, LoopPolicy> loops, OutcomeStore outcomes,
                        Lifecycle lifecycle, WebhookDelivery webhook, ReviewTasks reviews,
                        java.util.function.Supplier<Map<String, Object>> archive) { }

    /**
     * The model lifecycle's parts: the registry, the training snapshots, the rollout's data and
     * retraining; and for time travel, the logged decisions and the features kept as of them.
     */
    public record Lifecycle(ModelLifecycle registry, SnapshotStore snapshots, RolloutData data, Retrainer retrainer,
                            java.util.function.Supplier<java.time.Instant> now, DecisionHistory decisions,
                            FeatureLog features) {
        /**
         * {@code part}, or a 501 naming what this server does not keep (a server of the distributed
         * shape has no retrainer, rollout data or decision history of its own yet).
         */
        public <T> T require(T part, String what) {
            if (part == null) {
                throw new ApiException(501, what + " is not kept by this server (a server of the distributed shape runs no stream operators)",
                        java.util.List.of());
            }
            return part;
        }
    }

    /** What the server shows of the stream operators, and waiting for them to catch up. */
    public interface StreamView {
        /** Waits until the operators have seen what was acknowledged before the call. */
        boolean awaitCurrent(long timeoutMillis);

        /** Waits until the operators have applied every entry up to {@code seq}; false when the wait timed out. */
        boolean awaitSeq(long seq, long timeoutMillis);

        /** The highest log seq the operators have applied. */
        long appliedSeq();

        /** Decisions and exposures whose attribution window has not closed yet. */
        long openWindows();

        /** Events and decisions per loop name that the configuration does not declare. */
        Map<String, Long> unknownLoops();

        /** Feedback kept without an outcome, per reason ({@code late}, {@code orphan}). */
        Map<String, Long> unjoined();

        /** Each loop's learners: what they trained on, where their batch models end. */
        java.util.List<dev.flywheel.topology.LoopStatus> loops();

        /** What the loops' monitors raised. */
        dev.flywheel.quality.AlertBoard alerts();

        /** The loops whose alert counts the metrics show: those whose monitors this view reports. */
        default java.util.Set<String> alertLoops() {
            return exclusions().keySet();
        }

        /** Per loop, the users and items its training leaves out. */
        Map<String, dev.flywheel.quality.Exclusions> exclusions();

        /**
         * Where the operators' state was last checkpointed and where this start began: {@code
         * started_after} (the checkpoint restored, -1 for a replay of the whole log, with {@code
         * replay_reason}), {@code checkpointed_seq}, and {@code failure} when the last one could not be written.
         */
        Map<String, Object> checkpoints();
    }

    private final Javalin app;
    private final ServerMetrics metrics;
    private final StatusResource status;

    public FlywheelServer(Parts p) {
        ObjectMapper json = new ObjectMapper();
        // deep nesting is an attack, not an event: refuse it as bad JSON long before the stack suffers
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        ApiErrors errors = new ApiErrors(json);
        metrics = new ServerMetrics(p.pipeline().stats(), p.log(), p.materializer(), p.stream(), p.webhook());
        metrics.archive(p.archive());
        status = new StatusResource(json, p.countsAtStart(), p.pipeline().stats(), p.log(), p.materializer(), p.clock(), p.stream(),
                p.archive());
        long maxBody = p.config().server().maxBodyBytes();
        int maxBatch = p.config().server().maxBatch();
        IngestResource events = new IngestResource(JsonRecords.events(p.admission()), p.pipeline(), json, maxBody, maxBatch, errors::write);
        IngestResource decisions = new IngestResource(JsonRecords.decisions(p.admission()), p.pipeline(), json, maxBody, maxBatch, errors::write);
        IngestResource items = new IngestResource(JsonRecords.items(), p.pipeline(), json, maxBody, maxBatch, errors::write);
        QuarantineResource quarantine = new QuarantineResource(json, p.store(), p.materializer(), () -> status.counts().quarantined());
        KeysResource keys = new KeysResource(json, p.keyStore(), p.keyRing(), p.clock());
        Guard guard = new Guard(p.keyRing());
        ItemsResource itemsQuery = new ItemsResource(json, p.catalog(), p.stream());
        DecideResource decide = new DecideResource(json, p.loops(), p.pipeline(), p.clock(), metrics.unloggedDecisions(),
                new DecideResource.Freshness(p.log(), p.stream(), p.config().server().decideMaxLag(),
                        p.config().server().decideWait().toMillis(), metrics.decisionsBehind()));
        OutcomesResource outcomes = new OutcomesResource(json, p.outcomes(), p.stream());
        VersionsResource versions = new VersionsResource(json, p.lifecycle().registry());
        LedgerResource ledger = new LedgerResource(json, p.lifecycle());
        SnapshotsResource snapshots = new SnapshotsResource(json, p.lifecycle(), p.config().server().maxFactorsBytes());
        AlertsResource alerts = new AlertsResource(json, p.stream(), p.loops().keySet());
        ReviewResource review = new ReviewResource(json, p.reviews(), p.stream(), p.loops().keySet());
        DecisionsResource decisionsQuery = new DecisionsResource(json, p.lifecycle(), p.materializer(), p.log());
        byte[] openApi = resource("/flywheel/openapi.json");
        app = Javalin.create(cfg -> {
            configure(cfg, p.config(), maxBody);
            errors.register(cfg.routes);
            cfg.requestLogger.http(metrics::request);
            cfg.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
            cfg.routes.get("/metrics", guard.authenticated(ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape())));
            cfg.routes.get("/v1/openapi.json", guard.authenticated(ctx -> ctx.contentType("application/json").result(openApi)));
            cfg.routes.post("/v1/events", guard.require(Scope.INGEST, events::handle));
            cfg.routes.post("/v1/decisions", guard.require(Scope.INGEST, decisions::handle));
            cfg.routes.post("/v1/items", guard.require(Scope.INGEST, items::handle));
            cfg.routes.get("/v1/items/{id}", guard.authenticated(itemsQuery::get));
            cfg.routes.post("/v1/loops/{loop}/decide", guard.require(Scope.DECIDE, decide::handle));
            cfg.routes.get("/v1/outcomes", guard.require(Scope.ADMIN, outcomes::handle));
            cfg.routes.get("/v1/loops/{loop}/versions", guard.authenticated(versions::list));
            cfg.routes.get("/v1/loops/{loop}/versions/{version}", guard.authenticated(versions::get));
            cfg.routes.post("/v1/loops/{loop}/versions/{version}/promote", guard.require(Scope.ADMIN, versions::promote));
            cfg.routes.post("/v1/loops/{loop}/versions/{version}/rollback", guard.require(Scope.ADMIN, versions::rollback));
            cfg.routes.post("/v1/loops/{loop}/versions/{version}/pause", guard.require(Scope.ADMIN, versions::pause));
            cfg.routes.post("/v1/loops/{loop}/versions/{version}/canary", guard.require(Scope.ADMIN, versions::canary));
            cfg.routes.put("/v1/loops/{loop}/rollout", guard.require(Scope.ADMIN, versions::allocate));
            cfg.routes.get("/v1/loops/{loop}/state", guard.authenticated(versions::state));
            cfg.routes.get("/v1/loops/{loop}/audit", guard.authenticated(versions::audit));
            cfg.routes.get("/v1/loops/{loop}/ledger", guard.authenticated(ledger::handle));
            cfg.routes.get("/v1/decisions/{id}", guard.authenticated(decisionsQuery::get));
            cfg.routes.post("/v1/loops/{loop}/snapshots", guard.require(Scope.ADMIN, snapshots::create));
            cfg.routes.get("/v1/loops/{loop}/snapshots", guard.authenticated(snapshots::list));
            cfg.routes.get("/v1/snapshots/{id}", guard.authenticated(snapshots::get));
            cfg.routes.post("/v1/loops/{loop}/versions", guard.require(Scope.ADMIN, snapshots::train));
            cfg.routes.post("/v1/loops/{loop}/versions/factors", guard.require(Scope.ADMIN, snapshots::trainWithFactors));
            cfg.routes.get("/v1/status", guard.authenticated(status::handle));
            cfg.routes.get("/v1/quarantine", guard.require(Scope.ADMIN, quarantine::handle));
            cfg.routes.get("/v1/alerts", guard.authenticated(alerts::handle));
            cfg.routes.get("/v1/review/tasks", guard.require(Scope.REVIEW, review::list));
            cfg.routes.post("/v1/keys", guard.require(Scope.ADMIN, keys::create));
            cfg.routes.get("/v1/keys", guard.require(Scope.ADMIN, keys::list));
            cfg.routes.delete("/v1/keys/{id}", guard.require(Scope.ADMIN, keys::revoke));
        });
    }

    private static void configure(JavalinConfig cfg, FlywheelConfig config, long maxBody) {
        cfg.jetty.host = config.server().host();
        cfg.jetty.port = config.server().port();
        cfg.http.maxRequestSize = maxBody;
        cfg.startup.showJavalinBanner = false;
    }

    private static byte[] resource(String path) {
        try (InputStream in = FlywheelServer.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts listening; returns the bound port (useful with port 0). */
    public int start() {
        app.start();
        return app.port();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
