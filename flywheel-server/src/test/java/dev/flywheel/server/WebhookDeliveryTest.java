package dev.flywheel.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.config.WebhookSettings;
import dev.flywheel.quality.Alert;
import dev.flywheel.quality.AlertBoard;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The webhook against a real receiver (the JDK's HTTP server on a free port): what it sends, what it
 * tries again and how long it waits, what it gives up on, and what a full queue loses. Alerts come
 * from a live {@link AlertBoard} the delivery subscribes to, as in the engine.
 */
class WebhookDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static WebhookSettings settings(URI url, int retries, long backoffMillis, int queue) {
        return new WebhookSettings(url, retries, Duration.ofMillis(backoffMillis), Duration.ofSeconds(2), Duration.ofSeconds(2), queue);
    }

    private static Alert bots(String... users) {
        return new Alert(0, "feed", "bots", T0, T0.plusSeconds(3_600), "click_through_robust_z", 7.25, 3.5,
                users.length + " users click far more than people do", List.of(users), List.of(), 1_234);
    }

    private static AlertBoard liveBoard(WebhookDelivery d) {
        AlertBoard board = new AlertBoard();
        board.subscribe(d);
        board.live();
        return board;
    }

    @Test
    void anOverloadedReceiverIsTriedAgainWithGrowingWaitsUntilItTakesTheAlert() throws Exception {
        // the first alert goes through at once: the client and the connection are warm when the waits are timed
        try (WebhookReceiver receiver = new WebhookReceiver(n -> n == 1 || n == 2 ? 503 : 200);
             WebhookDelivery d = new WebhookDelivery(settings(receiver.url(), 5, 100, 100))) {
            AlertBoard board = liveBoard(d);
            board.raise(bots("u0"));
            await(() -> d.delivered() == 1);
            board.raise(bots("u7", "u3"));
            await(() -> d.delivered() == 2);
            List<WebhookReceiver.Received> got = receiver.received().subList(1, 4);
            assertEquals(4, receiver.received().size(), "the first alert, then two 503s and the 200");
            assertEquals(2, d.retried());
            assertEquals(0, d.failed());
            assertEquals(0, d.dropped());
            for (WebhookReceiver.Received r : got) {
                assertEquals("application/json", r.contentType());
                assertEquals(got.get(0).body(), r.body(), "every attempt sends the same alert");
            }
            JsonNode a = got.get(0).body().get("alert");
            assertEquals(2, a.get("id").asLong());
            assertEquals("feed", a.get("loop").asText());
            assertEquals("bots", a.get("monitor").asText());
            assertEquals("click_through_robust_z", a.get("statistic").asText());
            assertEquals(7.25, a.get("value").asDouble());
            assertEquals(3.5, a.get("threshold").asDouble());
            assertEquals("2 users click far more than people do", a.get("detail").asText());
            assertEquals("2026-03-02T10:00:00Z", a.at("/window/start").asText());
            assertEquals("2026-03-02T11:00:00Z", a.at("/window/end").asText());
            assertEquals("[\"u7\",\"u3\"]", a.get("users").toString());
            assertEquals(0, a.get("items").size());
            assertEquals(1_234, a.get("seq").asLong());
            long first = got.get(1).nanos() - got.get(0).nanos();
            long second = got.get(2).nanos() - got.get(1).nanos();
            assertTrue(first >= TimeUnit.MILLISECONDS.toNanos(100), "waited the backoff: " + first / 1e6 + " ms");
            assertTrue(second >= TimeUnit.MILLISECONDS.toNanos(200), "then twice as long: " + second / 1e6 + " ms");
            assertTrue(second >= first, "the second wait (" + second / 1e6 + " ms) is longer than the first (" + first / 1e6 + " ms)");
        }
    }

    @Test
    void tooManyRequestsIsTriedAgain() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> n == 0 ? 429 : 204);
             WebhookDelivery d = new WebhookDelivery(settings(receiver.url(), 5, 10, 100))) {
            liveBoard(d).raise(bots("u1"));
            await(() -> d.delivered() == 1);
            assertEquals(2, receiver.received().size());
            assertEquals(1, d.retried());
        }
    }

    @Test
    void aRefusedAlertIsNotSentAgain() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 400);
             WebhookDelivery d = new WebhookDelivery(settings(receiver.url(), 5, 10, 100))) {
            liveBoard(d).raise(bots("u1"));
            await(() -> d.failed() == 1);
            Thread.sleep(200); // twenty backoffs: a retry would have come
            assertEquals(1, receiver.received().size());
            assertEquals(0, d.retried());
            assertEquals(0, d.delivered());
        }
    }

    @Test
    void aReceiverThatIsDownIsTriedRetriesTimesThenGivenUp() throws Exception {
        URI url;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            url = URI.create("http://127.0.0.1:" + gone.getLocalPort() + "/hook");
        } // nothing listens on the port now: every attempt is refused
        try (WebhookDelivery d = new WebhookDelivery(settings(url, 3, 10, 100))) {
            liveBoard(d).raise(bots("u1"));
            await(() -> d.failed() == 1);
            assertEquals(3, d.retried());
            assertEquals(0, d.delivered());
            assertEquals(0, d.dropped());
        }
    }

    @Test
    void aReceiverSlowerThanTheTimeoutIsTriedAgain() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 200, n -> {
                if (n == 0) never.await(5, TimeUnit.SECONDS);
            });
             WebhookDelivery d = new WebhookDelivery(new WebhookSettings(receiver.url(), 2, Duration.ofMillis(10),
                     Duration.ofSeconds(1), Duration.ofMillis(200), 100))) {
            liveBoard(d).raise(bots("u1"));
            await(() -> d.delivered() == 1);
            assertEquals(1, d.retried());
            assertEquals(2, receiver.received().size(), "the slow attempt arrived too: receivers dedupe by id");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aFullQueueDropsTheOldestWaitingAlert() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 200, n -> {
                if (n == 0) release.await(5, TimeUnit.SECONDS);
            });
             WebhookDelivery d = new WebhookDelivery(settings(receiver.url(), 0, 10, 2))) {
            AlertBoard board = liveBoard(d);
            board.raise(bots("u1"));
            await(() -> receiver.received().size() == 1); // alert 1 is on the wire, the queue is empty
            board.raise(bots("u2"));
            board.raise(bots("u3"));
            board.raise(bots("u4")); // the queue holds two: alert 2 goes
            assertEquals(1, d.dropped());
            release.countDown();
            await(() -> d.delivered() == 3);
            List<Long> ids = new ArrayList<>();
            receiver.received().forEach(r -> ids.add(r.body().at("/alert/id").asLong()));
            assertEquals(List.of(1L, 3L, 4L), ids);
            assertEquals(1, d.dropped());
        } finally {
            release.countDown();
        }
    }

    @Test
    void whatIsStillQueuedAtCloseIsCountedDropped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 200, n -> release.await(5, TimeUnit.SECONDS))) {
            WebhookDelivery d = new WebhookDelivery(settings(receiver.url(), 0, 10, 100));
            AlertBoard board = liveBoard(d);
            board.raise(bots("u1"));
            await(() -> receiver.received().size() == 1);
            board.raise(bots("u2"));
            board.raise(bots("u3"));
            d.close();
            assertEquals(3, d.dropped(), "the one on the wire and the two waiting");
            board.raise(bots("u4"));
            assertEquals(4, d.dropped(), "an alert after close is not sent either");
            assertEquals(0, d.delivered() + d.failed());
        } finally {
            release.countDown();
        }
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        WebhookSettings s = new WebhookSettings(URI.create("http://127.0.0.1/hook"), 20, Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(5), 10);
        List<Long> waits = new ArrayList<>();
        for (int n = 1; n <= 8; n++) waits.add(s.backoffBefore(n).toSeconds());
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L), waits);
        assertEquals(Duration.ofSeconds(60), s.backoffBefore(20));
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 10 s");
            Thread.sleep(5);
        }
    }
}
