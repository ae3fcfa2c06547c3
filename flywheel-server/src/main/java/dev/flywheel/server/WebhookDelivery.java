package dev.flywheel.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.config.WebhookSettings;
import dev.flywheel.quality.Alert;
import dev.flywheel.server.internal.AlertsResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each alert it is given to the configured webhook, {@code POST {"alert": {...}}} with the
 * fields of {@code GET /v1/alerts}. It is an alert board's subscriber, so it is called on the log
 * runner: {@link #accept} only queues, and one daemon thread sends, in the order raised.
 *
 * <p>A 2xx answer delivers. A receiver that is down, overloaded (5xx, 429) or slower than the timeout
 * is tried again after a backoff that doubles up to its cap, {@code retries} times, and the alert then
 * counts as failed; any other answer (a 4xx: the receiver refuses this body) fails at once, as the same
 * body would be refused again. While the queue is full the oldest alert waiting is dropped: a receiver
 * that is long down should get the news, not a backlog. Delivery is at least once while the engine runs
 * (an attempt that timed out may have arrived: receivers dedupe by {@code id}); what is still queued
 * when the engine closes is dropped, and a restart's replay does not send it again.
 */
public final class WebhookDelivery implements Consumer<Alert>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

    private enum Answer { DELIVERED, TRY_AGAIN, REFUSED }

    private final WebhookSettings settings;
    private HttpClient http; // the sender's
    private String lastAnswer; // the sender's: what the receiver last said, for the warning when giving up
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingDeque<Alert> queue;
    private final Thread sender;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    public WebhookDelivery(WebhookSettings settings) {
        this.settings = settings;
        this.queue = new LinkedBlockingDeque<>(settings.queue());
        this.sender = new Thread(this::send, "flywheel-alert-webhook");
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues the alert; never waits. */
    @Override
    public void accept(Alert alert) {
        if (closed) {
            dropped.incrementAndGet();
            return;
        }
        // one producer (the log runner): if the sender takes an alert between the two calls, the next offer succeeds
        while (!queue.offerLast(alert)) {
            if (queue.pollFirst() != null) dropped.incrementAndGet();
        }
    }

    private void send() {
        // a client loads the JVM's TLS defaults, seconds on a cold start: built here, the engine's start does not wait
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
        Alert current = null;
        try {
            while (!closed) {
                current = queue.takeFirst();
                try {
                    deliver(current);
                } catch (RuntimeException e) { // a bug here must not stop the alerts after this one
                    failed.incrementAndGet();
                    LOG.warn("alert {} not delivered to {}: {}", current.id(), settings.url(), e.toString());
                }
                current = null;
            }
        } catch (InterruptedException e) {
            // closing: what is in flight and what waits is dropped below
        }
        if (current != null) dropped.incrementAndGet();
        dropped.addAndGet(queue.size());
        queue.clear();
    }

    private void deliver(Alert alert) throws InterruptedException {
        HttpRequest request = request(alert);
        for (int retry = 0; ; retry++) {
            Answer answer = post(request);
            if (answer == Answer.DELIVERED) {
                delivered.incrementAndGet();
                return;
            }
            if (answer == Answer.REFUSED || retry == settings.retries()) {
                failed.incrementAndGet();
                LOG.warn("alert {} ({} on loop {}) not delivered to {} after {} attempt(s), the last answered {}",
                        alert.id(), alert.monitor(), alert.loop(), settings.url(), retry + 1, lastAnswer);
                return;
            }
            Thread.sleep(settings.backoffBefore(retry + 1).toMillis());
            retried.incrementAndGet();
        }
    }

    private Answer post(HttpRequest request) throws InterruptedException {
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            lastAnswer = "HTTP " + status;
            if (status >= 200 && status < 300) return Answer.DELIVERED;
            return status >= 500 || status == 429 ? Answer.TRY_AGAIN : Answer.REFUSED;
        } catch (IOException e) { // refused connection, reset, timeout: the receiver may be back soon
            lastAnswer = e.toString();
            return Answer.TRY_AGAIN;
        }
    }

    private HttpRequest request(Alert alert) {
        ObjectNode body = json.createObjectNode();
        AlertsResource.write(body.putObject("alert"), alert);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    }

    /** Alerts the receiver answered with a 2xx. */
    public long delivered() {
        return delivered.get();
    }

    /** Attempts after an alert's first. */
    public long retried() {
        return retried.get();
    }

    /** Alerts given up on: refused, or still not delivered after every retry. */
    public long failed() {
        return failed.get();
    }

    /** Alerts not sent to the end: pushed out of a full queue, or in flight or waiting at close. */
    public long dropped() {
        return dropped.get();
    }

    /** Stops sending: an attempt or backoff under way is cut short. */
    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        try {
            sender.join(settings.timeout().toMillis() + 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
