package dev.flywheel.sim.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShopWorldTest {
    private static final ShopWorld DEFAULTS = ShopWorld.generate(ShopConfig.defaults(1));

    @Test
    void sameSeedGivesSameWorld() {
        ShopWorld again = ShopWorld.generate(ShopConfig.defaults(1));
        assertEquals(DEFAULTS.products(), again.products());
        assertEquals(DEFAULTS.shoppers(), again.shoppers());
        ShopWorld other = ShopWorld.generate(ShopConfig.defaults(2));
        assertNotEquals(DEFAULTS.products(), other.products());
        assertNotEquals(DEFAULTS.shoppers(), other.shoppers());
    }

    @Test
    void catalogueAndShoppersHaveTheConfiguredShape() {
        ShopConfig c = DEFAULTS.config();
        assertEquals(c.products(), DEFAULTS.products().size());
        assertEquals(c.users(), DEFAULTS.shoppers().size());
        assertEquals("p0042", DEFAULTS.products().get(42).id());
        assertEquals("s0007", DEFAULTS.shoppers().get(7).id());
        Set<String> categories = new HashSet<>();
        for (Product p : DEFAULTS.products()) {
            categories.add(p.category());
            assertTrue(DEFAULTS.categories().contains(p.category()), p.category());
            assertTrue(p.price() >= 1.99 && p.price() <= 900, p.id() + " costs " + p.price());
            assertEquals(c.dimensions(), p.latent().length);
            assertTrue(p.body().contains(p.category()) && p.body().contains(p.brand()) && p.body().contains(p.colour()), p.body());
            assertEquals(3, new HashSet<>(p.complements()).size(), p.id() + " " + p.complements());
            p.complements().forEach(DEFAULTS::product);
        }
        assertEquals(c.categories(), categories.size());
        for (Shopper s : DEFAULTS.shoppers()) {
            assertEquals(c.dimensions(), s.taste().length);
            assertEquals(c.categories(), s.affinities().length);
        }
    }

    @Test
    void pricesSpreadFromAFewToAFewHundred() {
        double[] prices = DEFAULTS.products().stream().mapToDouble(Product::price).sorted().toArray();
        assertTrue(prices[prices.length / 20] < 15, "5th percentile " + prices[prices.length / 20]);
        assertTrue(prices[prices.length - 1 - prices.length / 20] > 100, "95th percentile " + prices[prices.length - 1 - prices.length / 20]);
    }

    @Test
    void complementsMostlyShareOrNeighbourTheCategory() {
        List<String> names = DEFAULTS.categories();
        int near = 0;
        int all = 0;
        for (Product p : DEFAULTS.products()) {
            int c = names.indexOf(p.category());
            for (String id : p.complements()) {
                int d = names.indexOf(DEFAULTS.product(id).category());
                near += d == c || d == (c + 1) % names.size() ? 1 : 0;
                all++;
            }
        }
        assertTrue(near > 0.95 * all, near + " of " + all);
    }

    @Test
    void attentionFadesDownTheSlate() {
        assertEquals(1.0, ShopBehaviour.examine(1));
        for (int j = 1; j < 30; j++) assertTrue(ShopBehaviour.examine(j + 1) < ShopBehaviour.examine(j), "slot " + j);
        assertThrows(IllegalArgumentException.class, () -> ShopBehaviour.examine(0));
    }

    @Test
    void visitorsComeInProportionToTheirVisitWeight() {
        ShopWorld w = ShopWorld.generate(ShopConfig.small(3));
        int n = 300_000;
        int[] counts = new int[w.shoppers().size()];
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < n; i++) counts[Integer.parseInt(w.nextVisitor(rng).id().substring(1))]++;
        double total = w.shoppers().stream().mapToDouble(Shopper::visitWeight).sum();
        double chi2 = 0;
        for (int u = 0; u < counts.length; u++) {
            double expected = n * w.shoppers().get(u).visitWeight() / total;
            chi2 += (counts[u] - expected) * (counts[u] - expected) / expected;
        }
        int df = counts.length - 1;
        // the chi-square 99.9 % quantile, by the normal approximation that holds at this many degrees of freedom
        assertTrue(chi2 < df + 3.1 * Math.sqrt(2.0 * df), "chi2 " + chi2 + " df " + df);
    }

    @Test
    void reactingDoesNotChangeTheWorldButVisitingRemembersTheLastPurchase() {
        ShopWorld w = ShopWorld.generate(ShopConfig.small(5));
        String shopper = w.shoppers().get(0).id();
        List<String> slate = w.oracleSlate(shopper, 5);
        SplittableRandom rng = new SplittableRandom(6);
        for (int i = 0; i < 2000; i++) w.react(shopper, slate, rng);
        assertTrue(w.lastPurchase(shopper).isEmpty());
        List<ShopReaction> bought;
        do {
            bought = w.visit(shopper, slate, rng).stream().filter(ShopReaction::bought).toList();
        } while (bought.isEmpty());
        assertEquals(bought.get(bought.size() - 1).item(), w.lastPurchase(shopper).orElseThrow());
    }

    @Test
    void unknownIdsAreRefused() {
        String shopper = DEFAULTS.shoppers().get(0).id();
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.expectedRevenue(shopper, List.of("nope")));
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.expectedRevenue("nobody", List.of("p0001")));
        assertEquals(0.0, DEFAULTS.expectedRevenue(shopper, List.of()));
    }
}
