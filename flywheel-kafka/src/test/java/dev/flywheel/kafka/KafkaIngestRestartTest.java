package dev.flywheel.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.auth.ApiKeys;
import dev.flywheel.auth.IssuedKey;
import dev.flywheel.auth.Scope;
import dev.flywheel.log.LogEntry;
import dev.flywheel.store.file.FileKeyStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest over HTTP into Kafka while the server restarts: every id the server acknowledged is in
 * {@code <p>.log}. Clients keep sending through the restart and resend a batch whose answer they did
 * not get, so an id may be in Kafka twice (the Flink job drops the second by id).
 */
class KafkaIngestRestartTest {
    private static final int CLIENTS = 3;
    private static final int BATCHES = 40;
    private static final int BATCH = 50;
    @TempDir
    Path dir;

    @Test
    void noAcknowledgedEventIsLostWhenTheServerRestartsWhileClientsSend() throws Exception {
        try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"))) {
            KafkaSettings settings = KafkaSettings.of(kafka.bootstrap()).withTopicPrefix("restart");
            Path data = dir.resolve("data");
            data.toFile().mkdirs();
            IssuedKey key = ApiKeys.issue(Set.of(Scope.INGEST), "test", Instant.now());
            new FileKeyStore(data).put(key.key());
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger afterRestart = new AtomicInteger();
            AtomicInteger failedAnswers = new AtomicInteger();
            KafkaIngestServer first = new KafkaIngestServer(settings, data, 0);
            int port = first.port;
            AtomicBoolean restarted = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread t = new Thread(() -> send(new IngestClient(key.secret()), port, client, acknowledged, restarted, afterRestart, failedAnswers));
                t.start();
                clients.add(t);
            }
            awaitAtLeast(acknowledged, CLIENTS * BATCHES * BATCH / 3);
            first.close();
            restarted.set(true);
            try (KafkaIngestServer second = new KafkaIngestServer(settings, data, port)) {
                for (Thread t : clients) t.join(120_000);
            }
            assertEquals(CLIENTS * BATCHES * BATCH, acknowledged.size(), "every batch was acknowledged in the end");
            assertTrue(afterRestart.get() > 0, "the restarted server acknowledged batches too");
            List<LogEntry> log = TopicReader.entries(TopicReader.read(kafka.bootstrap(), List.of(settings.topics().log()),
                    acknowledged.size(), Duration.ofSeconds(60)));
            Set<String> inKafka = new HashSet<>();
            for (LogEntry e : log) inKafka.add(((LogEntry.EventEntry) e).event().id());
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(inKafka);
            assertEquals(Set.of(), lost, "acknowledged ids missing from " + settings.topics().log());
            System.out.printf("restart: %d acknowledged, %d records in Kafka (%d duplicates), %d answers lost or refused, %d batches after the restart%n",
                    acknowledged.size(), log.size(), log.size() - inKafka.size(), failedAnswers.get(), afterRestart.get());
        }
    }

    /** Sends the client's batches in turn, each until it is acknowledged, as a product that retries does. */
    private static void send(IngestClient client, int port, int c, Set<String> acknowledged, AtomicBoolean restarted,
                             AtomicInteger afterRestart, AtomicInteger failed) {
        for (int b = 0; b < BATCHES; b++) {
            List<String> ids = IngestClient.ids("c" + c + "-b" + b, BATCH);
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (System.nanoTime() < deadline) {
                IngestClient.Answer a = client.post(port, ids);
                if (a.status() == 200) {
                    acknowledged.addAll(ids);
                    if (restarted.get()) afterRestart.incrementAndGet();
                    break;
                }
                failed.incrementAndGet();
                sleep(20);
            }
        }
    }

    private static void awaitAtLeast(Set<String> acknowledged, int n) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (acknowledged.size() < n && System.nanoTime() < deadline) sleep(5);
        assertTrue(acknowledged.size() >= n, "clients got " + acknowledged.size() + " acknowledgements before the restart");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
