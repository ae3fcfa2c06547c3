package dev.flywheel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/** The receiving end of a webhook: a real HTTP server on a free port that records every request. */
final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived. */
    record Received(long nanos, String contentType, JsonNode body) { }

    /** What the handler does before answering request {@code n} (0 for the first): wait, for instance. */
    interface Stall {
        void before(int n) throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final IntUnaryOperator status;
    private final Stall stall;

    /** Answers request {@code n} with {@code status.applyAsInt(n)}. */
    WebhookReceiver(IntUnaryOperator status, Stall stall) throws IOException {
        this.status = status;
        this.stall = stall;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        // a stalled answer must not hold up the next connection
        server.setExecutor(threads);
        server.start();
    }

    WebhookReceiver(IntUnaryOperator status) throws IOException {
        this(status, n -> { });
    }

    private void handle(HttpExchange x) throws IOException {
        int n;
        synchronized (received) {
            n = received.size();
            received.add(new Received(System.nanoTime(), x.getRequestHeaders().getFirst("Content-Type"),
                    json.readTree(x.getRequestBody())));
        }
        try {
            stall.before(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        x.sendResponseHeaders(status.applyAsInt(n), -1);
        x.close();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
