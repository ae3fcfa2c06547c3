package dev.flywheel.server.internal;

import dev.flywheel.ingest.IngestStats;
import dev.flywheel.ingest.Materializer;
import dev.flywheel.log.LogAppender;
import dev.flywheel.server.FlywheelServer;
import dev.flywheel.server.WebhookDelivery;
import dev.flywheel.topology.LoopStatus;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The Prometheus view of the engine: ingest counters (every quarantined input is counted by what it
 * was, under the one bad-record policy, {@code quarantine}), writer lag, request timings, and what
 * became of the alerts sent to the webhook.
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder unlogged = new LongAdder();
    private final LongAdder behind = new LongAdder();

    private final FlywheelServer.StreamView stream;
    private final LogAppender log;
    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @param webhook the alert webhook whose counters are shown; null when none is configured */
    public ServerMetrics(IngestStats s, LogAppender log, Materializer materializer, FlywheelServer.StreamView stream,
                         WebhookDelivery webhook) {
        this.stream = stream;
        this.log = log;
        counter("flywheel.records.accepted", "kind", "event", s.eventsAccepted);
        counter("flywheel.records.accepted", "kind", "decision", s.decisionsAccepted);
        counter("flywheel.records.accepted", "kind", "item", s.itemsAccepted);
        counter("flywheel.records.duplicate", "kind", "any", s.duplicates);
        quarantined("event", s.quarantinedEvents);
        quarantined("decision", s.quarantinedDecisions);
        quarantined("request", s.quarantinedRequests);
        counter("flywheel.log.commits", "result", "ok", s.commits);
        counter("flywheel.log.commits", "result", "failed", s.failedCommits);
        FunctionCounter.builder("flywheel.log.commit.seconds", s.commitNanos, a -> a.sum() / 1e9)
                .description("time spent appending and syncing the log").register(registry);
        Gauge.builder("flywheel.log.next.seq", log, l -> (double) l.nextSeq()).register(registry);
        ToDoubleFunction<Materializer> lag = m -> Math.max(0, log.nextSeq() - 1 - m.appliedSeq());
        if (materializer != null) {
            Gauge.builder("flywheel.store.lag.entries", materializer, lag)
                    .description("log entries not yet in the queryable store").register(registry);
        }
        Gauge.builder("flywheel.stream.lag.entries", stream, v -> Math.max(0, log.nextSeq() - 1 - v.appliedSeq()))
                .description("log entries the stream operators (learners, features, outcomes) have not applied yet").register(registry);
        for (String reason : java.util.List.of("late", "orphan")) {
            Gauge.builder("flywheel.feedback.unjoined", stream, v -> v.unjoined().getOrDefault(reason, 0L))
                    .tag("reason", reason).description("feedback kept without an outcome").register(registry);
        }
        quality(stream);
        if (webhook != null) webhook(webhook);
        FunctionCounter.builder("flywheel.decide.unlogged", unlogged, LongAdder::sum)
                .description("rankings answered with \"log\": false, so no decision was logged").register(registry);
        FunctionCounter.builder("flywheel.decide.behind", behind, LongAdder::sum)
                .description("decisions answered while the stream operators were more than server.decide_max_lag entries behind "
                        + "what was acknowledged before them, after waiting server.decide_wait").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    /** What log retention moved to the archive, as counters (they only grow). */
    public void archive(java.util.function.Supplier<Map<String, Object>> archive) {
        for (String what : java.util.List.of("segments", "entries", "bytes")) {
            FunctionCounter.builder("flywheel.log.archived." + what, archive, a -> number(a.get().get("archived_" + what)))
                    .description("log " + what + " archived as Parquet by log.retention (and deleted from the log's segments)")
                    .register(registry);
        }
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0;
    }

    /** Per loop: alerts raised per monitor, and the users and items its training leaves out. */
    private void quality(FlywheelServer.StreamView stream) {
        for (String loop : stream.alertLoops()) {
            for (String monitor : java.util.List.of("drift", "bots", "clickbait")) {
                Gauge.builder("flywheel.quality.alerts", stream,
                                v -> v.alerts().counts().getOrDefault(loop, java.util.Map.of()).getOrDefault(monitor, 0L))
                        .tag("loop", loop).tag("monitor", monitor).description("alerts the loop's monitors raised").register(registry);
            }
        }
        for (String loop : stream.exclusions().keySet()) {
            Gauge.builder("flywheel.quality.excluded", stream, v -> v.exclusions().get(loop).users().size())
                    .tag("loop", loop).tag("kind", "user").description("flagged users whose feedback training leaves out").register(registry);
            Gauge.builder("flywheel.quality.excluded", stream, v -> v.exclusions().get(loop).items().size())
                    .tag("loop", loop).tag("kind", "item").description("flagged items whose feedback training snapshots leave out").register(registry);
        }
    }

    /** What became of the alerts sent to the webhook. */
    private void webhook(WebhookDelivery w) {
        Map<String, ToDoubleFunction<WebhookDelivery>> results = Map.of("delivered", WebhookDelivery::delivered,
                "retried", WebhookDelivery::retried, "failed", WebhookDelivery::failed, "dropped", WebhookDelivery::dropped);
        results.forEach((result, count) -> FunctionCounter.builder("flywheel.alerts.webhook", w, count).tag("result", result)
                .description("alerts sent to the webhook by what became of them; retried: attempts after an alert's first").register(registry));
    }

    private void counter(String name, String tag, String value, LongAdder a) {
        FunctionCounter.builder(name, a, LongAdder::sum).tag(tag, value).register(registry);
    }

    private void quarantined(String source, LongAdder a) {
        FunctionCounter.builder("flywheel.records.quarantined", a, LongAdder::sum)
                .tag("source", source).tag("policy", "quarantine").register(registry);
    }

    /** Counts decisions answered further behind the log than {@code server.decide_max_lag}. */
    public LongAdder decisionsBehind() {
        return behind;
    }

    /** Counts decide answers that were not logged as decisions. */
    public LongAdder unloggedDecisions() {
        return unlogged;
    }

    /** Called once per finished request with its duration. */
    public void request(Context ctx, Float millis) {
        String route;
        try {
            route = ctx.endpoint().path;
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        String method = ctx.method().name();
        int status = ctx.statusCode();
        // building a meter id per request showed in profiles; the set of timers is small and fixed
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("flywheel.http.requests")
                        .tag("method", method).tag("route", k.substring(method.length() + 1, k.lastIndexOf(' ')))
                        .tag("status", Integer.toString(status)).register(registry))
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    public String scrape() {
        registerDynamic();
        return registry.scrape();
    }

    /** Meters whose tags are only known at run time: configured loops' learners, unknown loop names. */
    private void registerDynamic() {
        for (LoopStatus l : stream.loops()) {
            if (!registered.add("loop:" + l.loop())) continue;
            String loop = l.loop();
            Gauge.builder("flywheel.learner.lag.entries", stream, v -> Math.max(0, log.nextSeq() - 1 - v.appliedSeq()))
                    .tag("loop", loop).description("log entries the loop's online learner has not applied yet").register(registry);
            Gauge.builder("flywheel.model.trained.seq", stream, v -> trainedSeq(v, loop)).tag("loop", loop).tag("model", "collaborative")
                    .description("log position the latest batch-trained model was trained up to (-1: none yet)").register(registry);
        }
        stream.unknownLoops().keySet().forEach(name -> {
            if (registered.add("unknown:" + name)) {
                FunctionCounter.builder("flywheel.events.unknown.loop", stream, v -> v.unknownLoops().getOrDefault(name, 0L))
                        .tag("loop", name).description("events and decisions naming a loop the config does not declare")
                        .register(registry);
            }
        });
    }

    private static double trainedSeq(FlywheelServer.StreamView v, String loop) {
        for (LoopStatus l : v.loops()) if (l.loop().equals(loop) && l.trainedSeq() != null) return l.trainedSeq();
        return -1;
    }
}
