package dev.flywheel.bench;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decide requests driven by wrk: the same candidate list on every request (a product ranking one
 * shelf), the user varying over the warmed users so profiles and seen sets are real.
 */
public final class WrkDecide {
    private static final String SCRIPT = WrkSingleEvents.THREAD_IDS + """
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
        String list = candidates.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(",", "[", "]"));
        String lua = "USERS = " + users + "\nPATH = \"/v1/loops/" + loop + "/decide\"\n"
                + "CANDIDATES = '" + list + "'\n" + WrkSingleEvents.headers(key) + SCRIPT;
        return WrkSingleEvents.runScript(lua, base, Math.min(2, connections), connections, seconds);
    }
}
