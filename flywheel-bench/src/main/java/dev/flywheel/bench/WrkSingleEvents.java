package dev.flywheel.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single-event requests driven by wrk (a Java client saturates far below the server here). Each
 * request carries a fresh id so every one is a real durable write, not a duplicate.
 */
public final class WrkSingleEvents {
    /** Every script numbers its requests and knows its wrk thread, so generated ids never collide. */
    static final String THREAD_IDS = """
            local counter = 0
            local threads = 0
            function setup(thread)
              thread:set("tid", threads)
              threads = threads + 1
            end
            """;

    private static final String SCRIPT = THREAD_IDS + """
            request = function()
              counter = counter + 1
              local body = string.format('{"id":"w-%s-%d-%d","type":"click","timestamp":"2026-11-27T10:00:00Z",'
                .. '"user":"u%d","session":"s-%d","decision":"d-%d","loop":"home-feed","item":"a%d"}',
                RUN, tid, counter, counter % 10000, counter % 5000, counter, counter % 1000)
              return wrk.format("POST", "/v1/events", HEADERS, body)
            end
            """;

    /** Batches of {@code size} events per request, built in Lua so every id is new. */
    private static final String BATCH_SCRIPT = THREAD_IDS + """
            request = function()
              local parts = {}
              for i = 1, SIZE do
                counter = counter + 1
                parts[i] = string.format('{"id":"w-%s-%d-%d","type":"impression","timestamp":"2026-11-27T10:00:00.123Z",'
                  .. '"user":"u%d","session":"s-u%d","decision":"d-%d","loop":"home-feed","item":"a%d"}',
                  RUN, tid, counter, counter % 10000, counter % 10000, counter % 1000000, counter % 1000)
              end
              return wrk.format("POST", "/v1/events", HEADERS, '{"events":[' .. table.concat(parts, ",") .. ']}')
            end
            """;

    /** What wrk reported. */
    public record Result(double requestsPerSecond, double p50Millis, double p99Millis, long non2xx, String raw) { }

    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "wrk"))) return true;
        }
        return false;
    }

    /**
     * @param batchSize 0 for single events; otherwise events per request, so that a C client, not
     *                  a JVM in the server's process, drives batched ingest too
     */
    public static Result run(URI base, String key, int threads, int connections, int seconds, int batchSize) throws IOException, InterruptedException {
        String lua = "RUN = \"" + Long.toString(System.nanoTime(), 36) + "\"\nSIZE = " + batchSize + "\n"
                + headers(key) + (batchSize > 0 ? BATCH_SCRIPT : SCRIPT);
        return runScript(lua, base, threads, connections, seconds);
    }

    /** The Lua line with the JSON content type and the bearer key every script sends. */
    static String headers(String key) {
        return "HEADERS = {[\"Content-Type\"] = \"application/json\", [\"Authorization\"] = \"Bearer " + key + "\"}\n";
    }

    /** Runs wrk with a Lua script against {@code base} and reads its summary. */
    static Result runScript(String lua, URI base, int threads, int connections, int seconds) throws IOException, InterruptedException {
        Path script = Files.createTempFile("flywheel-wrk", ".lua");
        Files.writeString(script, lua);
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString(), base.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Files.deleteIfExists(script);
        return new Result(number(out, "Requests/sec:\\s+([0-9.]+)"), millis(out, "50%"), millis(out, "99%"),
                (long) number(out, "Non-2xx or 3xx responses:\\s+(\\d+)"), out);
    }

    static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static double millis(String out, String pct) {
        Matcher m = Pattern.compile(pct + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) return Double.NaN;
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
