package dev.flywheel.sim.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A product's view of Flywheel: plain HTTP with a bearer key, the way any client would call it.
 * Simulated worlds, the demo and the benchmarks all go through this, never around the API.
 */
public final class FlywheelClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String key;

    public FlywheelClient(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    /** An answer: status code and the parsed JSON body (null when the body was not JSON). */
    public record Answer(int status, JsonNode body, String text) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public Answer post(String path, Object body) {
        try {
            return post(path, json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer post(String path, byte[] body) {
        return post(path, body, "application/json");
    }

    /** Posts raw bytes of {@code contentType} (e.g. a factors file as {@code application/octet-stream}). */
    public Answer post(String path, byte[] body, String contentType) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType).build());
    }

    /** Posts a file's bytes as {@code application/octet-stream}, streamed from disk rather than held in memory. */
    public Answer postFile(String path, java.nio.file.Path file) throws java.io.FileNotFoundException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofFile(file)).header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofMinutes(30)).build());
    }

    public Answer put(String path, Object body) {
        try {
            return send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .header("Content-Type", "application/json").build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (key != null) b.header("Authorization", "Bearer " + key);
        return b;
    }

    private Answer send(HttpRequest req) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            JsonNode node = null;
            try {
                node = r.body().isEmpty() ? null : json.readTree(r.body());
            } catch (IOException notJson) {
                // keep the text for the caller to show
            }
            return new Answer(r.statusCode(), node, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + req.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public ObjectMapper json() {
        return json;
    }
}
