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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the broker down, ingest answers what the embedded engine answers when its log fails (503,
 * retry later, nothing stored) and acknowledges nothing; once the broker is back the same batch is
 * taken, and what was acknowledged before the outage is still there.
 */
class KafkaBrokerDownTest {
    private static final Duration DELIVERY = Duration.ofSeconds(4);
    @TempDir
    Path dir;

    @Test
    void aDownBrokerIsAServiceUnavailableAnswerAndNothingIsAcknowledged() throws Exception {
        Path data = dir.resolve("data");
        data.toFile().mkdirs();
        IssuedKey key = ApiKeys.issue(Set.of(Scope.INGEST), "test", Instant.now());
        new FileKeyStore(data).put(key.key());
        IngestClient client = new IngestClient(key.secret());
        List<String> before = IngestClient.ids("before", 40);
        List<String> during = IngestClient.ids("during", 40);
        LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"));
        int brokerPort = kafka.port();
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrap()).withTopicPrefix("down").withDeliveryTimeout(DELIVERY);
        try (KafkaIngestServer server = new KafkaIngestServer(settings, data, 0)) {
            assertEquals(200, client.post(server.port, before).status());
            kafka.close();
            long t0 = System.nanoTime();
            for (int attempt = 0; attempt < 2; attempt++) { // the first with the old producer, the second with its replacement
                IngestClient.Answer a = client.post(server.port, during);
                assertEquals(503, a.status(), a.body());
                assertTrue(a.body().contains("nothing was stored"), a.body());
                assertEquals("5", a.retryAfter());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 4 * DELIVERY.toSeconds(), "two refusals took " + seconds + " s");
            kafka = LocalKafka.start(dir.resolve("kafka"), brokerPort);
            IngestClient.Answer again = client.post(server.port, during);
            assertEquals(200, again.status(), again.body());
            assertTrue(again.body().startsWith("{\"accepted\":40,\"duplicates\":0"), "the refused ids were not kept as seen: " + again.body());
            List<String> ids = new ArrayList<>();
            for (LogEntry e : TopicReader.entries(TopicReader.read(kafka.bootstrap(), List.of(settings.topics().log()), 80, Duration.ofSeconds(30)))) {
                ids.add(((LogEntry.EventEntry) e).event().id());
            }
            assertTrue(ids.containsAll(before), "acknowledged before the outage: " + ids);
            assertTrue(ids.containsAll(during), "acknowledged after it: " + ids);
        } finally {
            kafka.close();
        }
    }
}
