package dev.flywheel.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decide requests driven by wrk: the same candidate list on every request (a product ranking one
 * shelf), the user varying over the warmed users so profiles and seen sets are real.
 */
public final class WrkDecide {
    private static final String SCRIPT = """
            local counter = 0
            local threads = 0
            function setup(thread)
              thread:set("tid", threads)
              threads = threads + 1
            end
            request = function()
              counter = counter + 1
              local user = "u" .. ((counter * 7 + tid * 13) % USERS)
              local body = '{"user":"' .. user .. '","k":10,"candidates":' .. CANDIDATES .. '}'
              return wrk.format("POST", PATH, HEADERS, body)
            end
            """;

    private WrkDecide() { }

    /** @param users the world's users are {@code u0 … u(users-1)} */
    public static WrkSingleEvents.Result run(URI base, String key, String loop, List<String> candidates, int users,
                                             int connections, int seconds) throws IOException, InterruptedException {
        Path script = Files.createTempFile("flywheel-wrk-decide", ".lua");
        String list = candidates.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",", "[", "]"));
        String lua = "USERS = " + users + "\nPATH = \"/v1/loops/" + loop + "/decide\"\n"
                + "CANDIDATES = '" + list + "'\n"
                + "HEADERS = {[\"Content-Type\"] = \"application/json\", [\"Authorization\"] = \"Bearer " + key + "\"}\n"
                + SCRIPT;
        Files.writeString(script, lua);
        int threads = Math.min(2, connections);
        Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "-s", script.toString(), base.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Files.deleteIfExists(script);
        return new WrkSingleEvents.Result(WrkSingleEvents.number(out, "Requests/sec:\\s+([0-9.]+)"),
                WrkSingleEvents.millis(out, "50%"), WrkSingleEvents.millis(out, "99%"),
                (long) WrkSingleEvents.number(out, "Non-2xx or 3xx responses:\\s+(\\d+)"), out);
    }
}
