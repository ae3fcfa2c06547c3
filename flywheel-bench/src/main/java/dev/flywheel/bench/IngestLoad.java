package dev.flywheel.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.sim.TrafficGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Batched ingest load: several client threads post pre-built batches of events (about 200 bytes
 * each) and wait for each durable answer. Bodies are built before the clock starts so the numbers
 * measure the server, not the generator.
 */
public final class IngestLoad {

    /** What one run measured. */
    public record Result(long events, double seconds, double eventsPerSecond, double p50Millis, double p99Millis,
                         int requests, double avgEventBytes, double cpuMicrosPerEvent) { }

    /** CPU time of this whole process (server and client threads), to express cost per event. */
    public static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    public static Result run(URI base, String key, int batches, int batchSize, int clients, long seed) throws Exception {
        ObjectMapper json = new ObjectMapper();
        TrafficGenerator gen = new TrafficGenerator(seed, 10_000, 1_000, Instant.now().minusSeconds(86_400));
        List<byte[]> bodies = new ArrayList<>(batches);
        long bytes = 0;
        for (int b = 0; b < batches; b++) {
            ObjectNode body = json.createObjectNode();
            ArrayNode arr = body.putArray("events");
            for (int i = 0; i < batchSize; i++) arr.add(gen.plainEvent());
            byte[] raw = json.writeValueAsBytes(body);
            bytes += raw.length;
            bodies.add(raw);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] latencies = new long[batches];
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> drive(http, base, key, bodies, latencies, next, accepted, json));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuPerEvent = (processCpuNanos() - cpu0) / 1e3 / Math.max(1, accepted.get());
        Arrays.sort(latencies);
        return new Result(accepted.get(), secs, accepted.get() / secs, latencies[batches / 2] / 1e6,
                latencies[Math.min(batches - 1, (int) (batches * 0.99))] / 1e6, batches, (double) bytes / ((long) batches * batchSize), cpuPerEvent);
    }

    private static void drive(HttpClient http, URI base, String key, List<byte[]> bodies, long[] lat,
                              AtomicInteger next, AtomicLong accepted, ObjectMapper json) {
        int i;
        while ((i = next.getAndIncrement()) < bodies.size()) {
            HttpRequest req = HttpRequest.newBuilder(base.resolve("/v1/events")).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
            long s = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                lat[i] = System.nanoTime() - s;
                if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                accepted.addAndGet(json.readTree(r.body()).get("accepted").asLong());
            } catch (Exception e) {
                throw new IllegalStateException("batch " + i + " failed: " + e.getMessage(), e);
            }
        }
    }
}
