package dev.flywheel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlywheelConfigTest {

    @Test
    void defaultsBindLoopbackAndSync() {
        FlywheelConfig c = FlywheelConfig.defaults();
        assertEquals("127.0.0.1", c.server().host());
        assertEquals(8080, c.server().port());
        assertEquals(true, c.log().fsync());
        assertEquals(Duration.ofHours(1), c.ingest().maxFutureSkew());
    }

    @Test
    void everyErrorNamesItsKey() {
        assertEquals("server.port", key(Map.of("server", Map.of("port", 70_000))));
        assertEquals("server.prot", key(Map.of("server", Map.of("prot", 80))));
        assertEquals("ingest.max_future_skew", key(Map.of("ingest", Map.of("max_future_skew", "soon"))));
        assertEquals("events.custom_types[1]", key(Map.of("events", Map.of("custom_types", List.of("share", "Bad Type")))));
        assertEquals("log.fsync", key(Map.of("log", Map.of("fsync", "yes"))));
        assertEquals("loops", key(Map.of("loops", Map.of())));
    }

    @Test
    void readsDurationsAndCustomTypes() {
        FlywheelConfig c = FlywheelConfig.from(Map.of("ingest", Map.of("max_future_skew", "15m"),
                "events", Map.of("custom_types", List.of("share"))));
        assertEquals(Duration.ofMinutes(15), c.ingest().maxFutureSkew());
        assertEquals(List.of("share"), c.customEventTypes());
    }

    private static String key(Map<String, ?> tree) {
        return assertThrows(ConfigException.class, () -> FlywheelConfig.from(tree)).key();
    }
}
