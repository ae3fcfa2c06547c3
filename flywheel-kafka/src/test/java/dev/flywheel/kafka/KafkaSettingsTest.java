package dev.flywheel.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The {@code kafka} section: defaults, and every refusal names its key. */
class KafkaSettingsTest {

    private static KafkaSettings read(Map<String, Object> kafka) {
        return KafkaSettings.from(new ConfigTree("", Map.of("kafka", kafka)).section("kafka"));
    }

    private static String refusedKey(Map<String, Object> kafka) {
        return assertThrows(ConfigException.class, () -> read(kafka)).key();
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> m = new HashMap<>(Map.of("bootstrap", "broker-1:9092,broker-2:9092"));
        m.put(key, value);
        return m;
    }

    @Test
    void readsTheDefaultsAndTheProducerIsIdempotentWithAcksAll() {
        KafkaSettings s = read(Map.of("bootstrap", "broker-1:9092", "partitions", 12, "linger", "20ms"));
        assertEquals("flywheel.log", s.topics().log());
        assertEquals(12, s.partitions());
        assertEquals(Duration.ofMillis(20), s.linger());
        assertEquals(Duration.ofSeconds(10), s.deliveryTimeout());
        Map<String, Object> p = s.producerProperties();
        assertEquals(true, p.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("all", p.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(10_000, p.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
    }

    @Test
    void everyRefusalNamesItsKey() {
        assertEquals("kafka.bootstrap", refusedKey(Map.of("partitions", 3)));
        assertEquals("kafka.bootstrap", refusedKey(Map.of("bootstrap", "no-port")));
        assertEquals("kafka.partitions", refusedKey(with("partitions", 0)));
        assertEquals("kafka.topic_prefix", refusedKey(with("topic_prefix", "has space")));
        assertEquals("kafka.compression", refusedKey(with("compression", "brotli")));
        assertEquals("kafka.delivery_timeout", refusedKey(with("delivery_timeout", "500ms")));
        assertEquals("kafka.batch_bytes", refusedKey(with("batch_bytes", 10)));
        assertEquals("kafka.acks", refusedKey(with("acks", "1")));
    }
}
