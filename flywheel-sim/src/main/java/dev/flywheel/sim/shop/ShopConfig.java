package dev.flywheel.sim.shop;

import java.time.Duration;
import java.time.Instant;

/**
 * How big and how shaped the shop world is, and how a {@link ShopRun} paces it.
 *
 * @param seed           the one seed every draw of the world derives from
 * @param products       catalogue size
 * @param categories     product categories, at most {@link ShopText#MAX_CATEGORIES}
 * @param users          shoppers
 * @param dimensions     length of the latent taste and product vectors
 * @param k              slate size asked of {@code decide}
 * @param spacing        simulated time between two sessions
 * @param start          the simulated time of the first session (minus one spacing)
 * @param reactionWindow every reaction to a slate happens within this time after the decision
 * @param truthEvery     sessions between two ground-truth checkpoints of a run; 0 for none
 * @param truthUsers     size of the fixed shopper sample a checkpoint scores each version on
 */
public record ShopConfig(long seed, int products, int categories, int users, int dimensions, int k,
                         Duration spacing, Instant start, Duration reactionWindow, int truthEvery, int truthUsers) {

    public ShopConfig {
        positive("products", products);
        positive("categories", categories);
        positive("users", users);
        positive("dimensions", dimensions);
        positive("k", k);
        positive("truthUsers", truthUsers);
        if (categories > ShopText.MAX_CATEGORIES) {
            throw new IllegalArgumentException("categories must be <= " + ShopText.MAX_CATEGORIES + ", got " + categories);
        }
        if (k > products) throw new IllegalArgumentException("k must be <= products, got k=" + k + " products=" + products);
        if (truthEvery < 0) throw new IllegalArgumentException("truthEvery must be >= 0, got " + truthEvery);
        if (start == null) throw new IllegalArgumentException("start is required");
        positive("spacing", spacing);
        positive("reactionWindow", reactionWindow);
    }

    public static ShopConfig defaults(long seed) {
        return new ShopConfig(seed, 200, 8, 1000, 4, 5, Duration.ofSeconds(30),
                Instant.parse("2026-03-02T08:00:00Z"), Duration.ofSeconds(60), 500, 100);
    }

    /** A world small enough for tests that generate it a hundred times. */
    public static ShopConfig small(long seed) {
        return new ShopConfig(seed, 60, 8, 300, 4, 5, Duration.ofSeconds(30),
                Instant.parse("2026-03-02T08:00:00Z"), Duration.ofSeconds(60), 100, 40);
    }

    public ShopConfig withTruth(int every, int sampleUsers) {
        return new ShopConfig(seed, products, categories, users, dimensions, k, spacing, start, reactionWindow,
                every, sampleUsers);
    }

    private static void positive(String key, int value) {
        if (value <= 0) throw new IllegalArgumentException(key + " must be > 0, got " + value);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + value);
        }
    }
}
