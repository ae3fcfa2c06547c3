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
        assertEquals("loops[0].learner.roles.liked", key(loop(Map.of("liked", List.of("purchase")))));
        assertEquals("loops[0].learner.roles.like", key(loop(new java.util.TreeMap<>(Map.of("like", List.of("purchase"), "dislike", List.of("purchase"))))));
        assertEquals("loops[0].learner.roles.like", key(loop(Map.of("like", List.of("Bought!")))));
    }

    @Test
    void rolesMapEventTypesOntoFeatureRoles() {
        FlywheelConfig c = FlywheelConfig.from(loop(Map.of("like", List.of("add_to_cart", "purchase"))));
        var settings = c.loops().get(0).model().features();
        assertEquals("like", settings.role("purchase"));
        assertEquals("like", settings.role("add_to_cart"));
        assertEquals("click", settings.role("click"), "an unmapped type plays its own role");
        assertEquals(java.util.Set.of("purchase"), settings.valueTypes(), "value-paid types come from the reward");
    }

    private static Map<String, ?> loop(Map<String, ?> roles) {
        return Map.of("loops", List.of(Map.of("name", "shop", "model", "content-bandit",
                "reward", Map.of("value_weights", Map.of("purchase", 1.0)), "learner", Map.of("roles", roles))));
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
