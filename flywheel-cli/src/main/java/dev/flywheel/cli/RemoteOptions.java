package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.sim.client.FlywheelClient;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * How a command reaches a running engine: its URL and an API key (the engine owns its data
 * directory while it runs, so changes go through its API and land in its audit log with the key).
 */
final class RemoteOptions {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "the engine's base URL (default: ${DEFAULT-VALUE})")
    String url;
    @Option(names = "--key", defaultValue = "${env:FLYWHEEL_KEY}", description = "API key (default: $FLYWHEEL_KEY)")
    String key;
    @Option(names = "--json", description = "print the engine's JSON answer") boolean json;

    FlywheelClient client() {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("--key: an API key is required (or set FLYWHEEL_KEY)");
        return new FlywheelClient(URI.create(url.endsWith("/") ? url : url + "/"), key);
    }

    /** The answer's body; a refusal becomes the engine's message on one line. */
    static JsonNode ok(FlywheelClient.Answer a) {
        if (a.ok()) return a.body();
        String msg = a.body() != null && a.body().has("error") ? a.body().get("error").asText() : a.text();
        throw new IllegalArgumentException("the engine answered " + a.status() + ": " + msg);
    }
}
