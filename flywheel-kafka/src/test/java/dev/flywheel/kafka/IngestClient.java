package dev.flywheel.kafka;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Posts batches of events to {@code /v1/events} the way a product does. */
final class IngestClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String secret;

    IngestClient(String secret) {
        this.secret = secret;
    }

    /** The answer to one batch: status and body, or status -1 when the connection failed. */
    record Answer(int status, String body, String retryAfter) { }

    Answer post(int port, List<String> ids) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(ids))).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
        } catch (java.io.IOException e) {
            return new Answer(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString(), null);
        }
    }

    static String body(List<String> ids) {
        StringBuilder b = new StringBuilder("{\"events\":[");
        Instant t = Instant.now().minusSeconds(60);
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) b.append(',');
            b.append("{\"id\":\"").append(ids.get(i)).append("\",\"type\":\"click\",\"timestamp\":\"").append(t)
                    .append("\",\"user\":\"u").append(i % 7).append("\",\"item\":\"a").append(i % 11).append("\"}");
        }
        return b.append("]}").toString();
    }

    static List<String> ids(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(prefix + "-" + i);
        return out;
    }
}
