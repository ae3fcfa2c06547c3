package dev.flywheel.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.sim.client.FlywheelClient;
import java.net.URI;
import java.util.List;

/**
 * Issue 3's decide benchmark against a running engine with a content-bandit loop: catalog, warm
 * traffic, a wrk sweep over connection counts, and feedback-to-feature latency.
 */
public final class DecideBenchRun {
    /** What to run; see {@code flywheel bench decide --help}. */
    public record Options(String loop, List<Integer> connections, int seconds, int warmupSeconds, int candidates,
                          int articles, int users, int warmDecisions, int trials, boolean shadow) { }

    private final Options o;

    public DecideBenchRun(Options options) {
        this.o = options;
    }

    public ObjectNode measure(URI base, String key) throws Exception {
        ObjectNode out = new ObjectMapper().createObjectNode();
        DecideLoad load = new DecideLoad(new FlywheelClient(base, key), o.loop(), o.articles(), o.users(), o.candidates());
        load.publishCatalog();
        long t0 = System.nanoTime();
        long events = load.warm(o.warmDecisions(), 7);
        out.put("warm_decisions", o.warmDecisions()).put("warm_events", events)
                .put("warm_seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        System.err.printf("warmed with %d decisions and %d events; wrk warm-up %ds...%n", o.warmDecisions(), events, o.warmupSeconds());
        WrkDecide.run(base, key, o.loop(), load.candidates(), o.users(), 4, o.warmupSeconds());
        ArrayNode sweep = out.putArray("sweep");
        for (int c : o.connections()) sweep.add(point(base, key, load, c));
        out.set("nearest_2000_per_s", nearest(sweep, 2000));
        feedback(load, out);
        if (o.shadow()) shadowSweep(base, key, load, sweep, out);
        return out.put("candidates", o.candidates()).put("cores", Runtime.getRuntime().availableProcessors());
    }

    /**
     * The same sweep with a challenger in shadow: a version trained from a snapshot of what the warm
     * traffic closed scores every request beside the champion, and the CPU per decision is compared
     * point by point.
     */
    private void shadowSweep(URI base, String key, DecideLoad load, ArrayNode plain, ObjectNode out) throws Exception {
        FlywheelClient admin = new FlywheelClient(base, key);
        var a = admin.post("/v1/loops/" + o.loop() + "/versions", java.util.Map.of("start", "shadow", "reason", "bench"));
        if (!a.ok()) throw new IllegalStateException("cannot start a shadow: " + a.text());
        System.err.printf("shadow %s started; sweeping again...%n", a.body().get("version").asText());
        WrkDecide.run(base, key, o.loop(), load.candidates(), o.users(), 4, o.warmupSeconds());
        ArrayNode sweep = out.putArray("sweep_with_shadow");
        for (int c : o.connections()) sweep.add(point(base, key, load, c));
        out.set("nearest_2000_per_s_with_shadow", nearest(sweep, 2000));
        ArrayNode ratio = out.putArray("shadow_cpu_ratio");
        for (int i = 0; i < sweep.size(); i++) {
            ratio.add(Math.round(sweep.get(i).get("server_cpu_us_per_decision").asDouble()
                    / plain.get(i).get("server_cpu_us_per_decision").asDouble() * 1000) / 1000.0);
        }
    }

    private ObjectNode point(URI base, String key, DecideLoad load, int c) throws Exception {
        System.err.printf("wrk: %d connections for %ds...%n", c, o.seconds());
        long cpu0 = IngestLoad.processCpuNanos();
        WrkSingleEvents.Result r = WrkDecide.run(base, key, o.loop(), load.candidates(), o.users(), c, o.seconds());
        double cpuSeconds = (IngestLoad.processCpuNanos() - cpu0) / 1e9;
        ObjectNode p = new ObjectMapper().createObjectNode();
        catchUp(new FlywheelClient(base, key), p);
        return p.put("connections", c).put("decisions_per_second", r.requestsPerSecond()).put("p50_ms", r.p50Millis())
                .put("p99_ms", r.p99Millis()).put("non_2xx", r.non2xx())
                .put("server_cpu_us_per_decision", Math.round(cpuSeconds / (r.requestsPerSecond() * o.seconds()) * 1e7) / 10.0);
    }

    /** How far the stream operators were behind the log when the load stopped, and how long they took to catch up. */
    private static void catchUp(FlywheelClient client, ObjectNode p) throws InterruptedException {
        long t0 = System.nanoTime();
        long first = -1;
        while (true) {
            var status = client.get("/v1/status");
            long lag = status.ok() ? status.body().at("/stream/lag_entries").asLong(0) : 0;
            if (first < 0) first = lag;
            if (lag == 0 || System.nanoTime() - t0 > 120_000_000_000L) break;
            Thread.sleep(50);
        }
        p.put("stream_lag_entries_at_end", first).put("stream_catch_up_seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
    }

    /** The sweep point whose throughput is nearest {@code rate}: wrk has no rate limit. */
    static ObjectNode nearest(ArrayNode sweep, double rate) {
        ObjectNode best = null;
        for (var n : sweep) {
            double d = Math.abs(n.get("decisions_per_second").asDouble() - rate);
            if (best == null || d < Math.abs(best.get("decisions_per_second").asDouble() - rate)) best = (ObjectNode) n;
        }
        return best;
    }

    private void feedback(DecideLoad load, ObjectNode out) {
        System.err.printf("feedback-to-feature: %d trials...%n", o.trials());
        load.feedbackToFeature(Math.max(20, o.trials() / 5)); // warm the path
        double[] ms = load.feedbackToFeature(o.trials());
        out.put("feedback_to_feature_trials", o.trials()).put("feedback_to_feature_p50_ms", DecideLoad.quantile(ms, 0.5))
                .put("feedback_to_feature_p99_ms", DecideLoad.quantile(ms, 0.99))
                .put("feedback_to_feature_max_ms", ms[ms.length - 1]);
    }
}
