package dev.flywheel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(1_000, c.server().decideMaxLag());
        assertEquals(Duration.ofSeconds(2), c.server().decideWait());
    }

    @Test
    void decideFreshnessIsReadAndKeptWithAnotherPort() {
        FlywheelConfig c = FlywheelConfig.from(Map.of("server", Map.of("decide_max_lag", 0, "decide_wait", "10m"))).withPort(0);
        assertEquals(0, c.server().decideMaxLag());
        assertEquals(Duration.ofMinutes(10), c.server().decideWait());
        assertEquals("server.decide_max_lag", key(Map.of("server", Map.of("decide_max_lag", -1))));
        assertEquals("server.decide_wait", key(Map.of("server", Map.of("decide_wait", "-1s"))));
    }

    @Test
    void theFactorsFileLimitDefaultsToOneGibibyteIsBoundedAndKeptWithAnotherPort() {
        assertEquals(1L << 30, FlywheelConfig.defaults().server().maxFactorsBytes());
        assertEquals(5_000_000L, FlywheelConfig.from(Map.of("server", Map.of("max_factors_bytes", 5_000_000))).withPort(0)
                .server().maxFactorsBytes());
        assertEquals("server.max_factors_bytes", key(Map.of("server", Map.of("max_factors_bytes", 3_000_000_000L))));
        assertEquals("server.max_factors_bytes", key(Map.of("server", Map.of("max_factors_bytes", 10))));
    }

    @Test
    void theDeploymentModeAndTheAdapterSectionsAreReadAndKeptWithAnotherPort() {
        assertEquals(Deployment.Mode.EMBEDDED, FlywheelConfig.defaults().deployment().mode());
        FlywheelConfig c = FlywheelConfig.from(Map.of("mode", "distributed", "kafka", Map.of("bootstrap", "k:9092"),
                "postgres", Map.of("url", "jdbc:postgresql://p/db"))).withPort(0);
        assertEquals(Deployment.Mode.DISTRIBUTED, c.deployment().mode());
        assertEquals("k:9092", c.deployment().kafkaSection().string("bootstrap", null));
        assertEquals("postgres.schema", c.deployment().postgresSection().keyOf("schema"));
        assertEquals("mode", key(Map.of("mode", "cluster")));
        assertEquals("kafka", key(Map.of("kafka", "k:9092")));
        assertEquals("postgres", key(Map.of("postgres", List.of("jdbc:postgresql://p/db"))));
    }

    /**
     * docs/distributed.md named {@code feature_cache.ttl} and {@code feature_cache.max_entries} as settings
     * checked at start, and servers used the defaults whatever the config said.
     */
    @Test
    void theServersFeatureCacheIsASettingReadCheckedAndKeptWithAnotherPort() {
        assertEquals(dev.flywheel.feature.FeatureCacheSettings.DEFAULTS, FlywheelConfig.defaults().featureCache());
        FlywheelConfig c = FlywheelConfig.from(Map.of("feature_cache", Map.of("ttl", "50ms", "max_entries", 500))).withPort(0);
        assertEquals(new dev.flywheel.feature.FeatureCacheSettings(Duration.ofMillis(50), 500), c.featureCache());
        assertEquals(c.featureCache(), c.withAutopilotTick(Duration.ZERO).withDeployment(Deployment.embedded()).featureCache());
        assertEquals("feature_cache.tll", key(Map.of("feature_cache", Map.of("tll", "1s"))));
        assertEquals("feature_cache.max_entries", key(Map.of("feature_cache", Map.of("max_entries", 0))));
        assertEquals("feature_cache", key(Map.of("feature_cache", "1s")));
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
    void retentionIsOffUnlessSetAndEveryBadValueNamesItsKey() {
        assertNull(FlywheelConfig.defaults().log().retention(), "every segment is kept by default");
        assertEquals(Duration.ofMinutes(1), FlywheelConfig.defaults().log().retentionCheck());
        FlywheelConfig c = FlywheelConfig.from(Map.of("log", Map.of("retention", "7d", "retention_check", "30s", "segment_bytes", 65_536)));
        assertEquals(Duration.ofDays(7), c.log().retention());
        assertEquals(Duration.ofSeconds(30), c.log().retentionCheck());
        assertEquals(65_536, c.log().segmentBytes());
        assertNamed("log.retention", Map.of("log", Map.of("retention", "0s")));
        assertNamed("log.retention", Map.of("log", Map.of("retention", "-1h")));
        assertNamed("log.retention", Map.of("log", Map.of("retention", "forever")));
        assertNamed("log.retention_check", Map.of("log", Map.of("retention_check", "0s")));
        assertNamed("log.segment_bytes", Map.of("log", Map.of("segment_bytes", 4_096)));
    }

    @Test
    void readsDurationsAndCustomTypes() {
        FlywheelConfig c = FlywheelConfig.from(Map.of("ingest", Map.of("max_future_skew", "15m"),
                "events", Map.of("custom_types", List.of("share"))));
        assertEquals(Duration.ofMinutes(15), c.ingest().maxFutureSkew());
        assertEquals(List.of("share"), c.customEventTypes());
    }

    @Test
    void aWebhookIsReadWithItsDefaultsAndNoneWithoutAUrl() {
        assertNull(FlywheelConfig.defaults().alerts().webhook());
        assertNull(FlywheelConfig.from(webhook(Map.of("retries", 3))).alerts().webhook(), "no url, no webhook");
        WebhookSettings w = FlywheelConfig.from(webhook(Map.of("url", "https://hooks.example.com/flywheel"))).alerts().webhook();
        assertEquals(java.net.URI.create("https://hooks.example.com/flywheel"), w.url());
        assertEquals(5, w.retries());
        assertEquals(Duration.ofSeconds(1), w.backoff());
        assertEquals(Duration.ofSeconds(60), w.maxBackoff());
        assertEquals(Duration.ofSeconds(5), w.timeout());
        assertEquals(10_000, w.queue());
        WebhookSettings tuned = FlywheelConfig.from(webhook(Map.of("url", "http://127.0.0.1:9000/hook", "retries", 0,
                "backoff", "50ms", "max_backoff", "2s", "timeout", "500ms", "queue", 10))).alerts().webhook();
        assertEquals(new WebhookSettings(java.net.URI.create("http://127.0.0.1:9000/hook"), 0, Duration.ofMillis(50),
                Duration.ofSeconds(2), Duration.ofMillis(500), 10), tuned);
        assertEquals(tuned, FlywheelConfig.from(webhook(Map.of("url", "http://127.0.0.1:9000/hook", "retries", 0,
                "backoff", "50ms", "max_backoff", "2s", "timeout", "500ms", "queue", 10))).withPort(0).alerts().webhook());
    }

    @Test
    void everyWebhookErrorNamesItsKey() {
        for (String url : List.of("ftp://hooks.example.com/x", "hooks.example.com/x", "http://", "http://exa mple.com/", "https:///path")) {
            assertNamed("alerts.webhook.url", webhook(Map.of("url", url)));
        }
        assertNamed("alerts.webhook.url", webhook(Map.of("url", 42)));
        assertNamed("alerts.webhook.retries", webhook(Map.of("url", "http://h/x", "retries", -1)));
        assertNamed("alerts.webhook.retries", webhook(Map.of("url", "http://h/x", "retries", 21)));
        assertNamed("alerts.webhook.backoff", webhook(Map.of("url", "http://h/x", "backoff", "0s")));
        assertNamed("alerts.webhook.backoff", webhook(Map.of("url", "http://h/x", "backoff", "soon")));
        assertNamed("alerts.webhook.max_backoff", webhook(Map.of("url", "http://h/x", "backoff", "2m", "max_backoff", "1m")));
        assertNamed("alerts.webhook.timeout", webhook(Map.of("url", "http://h/x", "timeout", "PT0S")));
        assertNamed("alerts.webhook.queue", webhook(Map.of("url", "http://h/x", "queue", 0)));
        assertNamed("alerts.webhook.retry", webhook(Map.of("url", "http://h/x", "retry", 3)));
        assertNamed("alerts.hook", Map.of("alerts", Map.of("hook", Map.of("url", "http://h/x"))));
        assertNamed("alerts.webhook", Map.of("alerts", Map.of("webhook", "http://h/x")));
    }

    private static Map<String, ?> webhook(Map<String, ?> settings) {
        return Map.of("alerts", Map.of("webhook", settings));
    }

    /** The exception's key is {@code key}, and its message starts with it. */
    private static void assertNamed(String key, Map<String, ?> tree) {
        ConfigException e = assertThrows(ConfigException.class, () -> FlywheelConfig.from(tree));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
    }

    private static String key(Map<String, ?> tree) {
        return assertThrows(ConfigException.class, () -> FlywheelConfig.from(tree)).key();
    }
}
