package dev.flywheel.sim.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShopConfigTest {
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void defaultsAreTheDocumentedShop() {
        ShopConfig c = ShopConfig.defaults(3);
        assertEquals(new ShopConfig(3, 200, 8, 1000, 4, 5, Duration.ofSeconds(30), START, Duration.ofSeconds(60), 500, 100), c);
        ShopConfig small = ShopConfig.small(3);
        assertTrue(small.products() < c.products() && small.users() < c.users());
    }

    @Test
    void invalidValuesAreRefusedByName() {
        assertRefused("products", () -> new ShopConfig(1, 0, 8, 10, 4, 5, Duration.ofSeconds(1), START, Duration.ofSeconds(60), 0, 1));
        assertRefused("categories", () -> new ShopConfig(1, 10, 13, 10, 4, 5, Duration.ofSeconds(1), START, Duration.ofSeconds(60), 0, 1));
        assertRefused("k", () -> new ShopConfig(1, 4, 2, 10, 4, 5, Duration.ofSeconds(1), START, Duration.ofSeconds(60), 0, 1));
        assertRefused("spacing", () -> new ShopConfig(1, 10, 2, 10, 4, 5, Duration.ZERO, START, Duration.ofSeconds(60), 0, 1));
        assertRefused("reactionWindow", () -> new ShopConfig(1, 10, 2, 10, 4, 5, Duration.ofSeconds(1), START, Duration.ofSeconds(-1), 0, 1));
        assertRefused("truthEvery", () -> new ShopConfig(1, 10, 2, 10, 4, 5, Duration.ofSeconds(1), START, Duration.ofSeconds(60), -1, 1));
        assertRefused("start", () -> new ShopConfig(1, 10, 2, 10, 4, 5, Duration.ofSeconds(1), null, Duration.ofSeconds(60), 0, 1));
    }

    @Test
    void withTruthChangesOnlyTheTruthPacing() {
        ShopConfig c = ShopConfig.small(5).withTruth(7, 3);
        assertEquals(7, c.truthEvery());
        assertEquals(3, c.truthUsers());
        assertEquals(ShopConfig.small(5), c.withTruth(ShopConfig.small(5).truthEvery(), ShopConfig.small(5).truthUsers()));
    }

    private static void assertRefused(String key, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(key), e.getMessage());
    }
}
