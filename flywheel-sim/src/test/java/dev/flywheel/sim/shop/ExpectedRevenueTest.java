package dev.flywheel.sim.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExpectedRevenueTest {
    private static final double Z99 = 2.576;

    @Test
    void closedFormMatchesTheSimulatedMeanRevenue() {
        ShopWorld w = ShopWorld.generate(ShopConfig.small(11));
        SplittableRandom pick = new SplittableRandom(12);
        for (int trial = 0; trial < 3; trial++) {
            String shopper = w.nextVisitor(pick).id();
            for (List<String> slate : List.of(w.oracleSlate(shopper, 5), randomSlate(w, 5, pick))) {
                int n = 200_000;
                double sum = 0;
                double sumSq = 0;
                int purchases = 0;
                SplittableRandom dice = new SplittableRandom(13 + trial);
                for (int i = 0; i < n; i++) {
                    List<ShopReaction> rs = w.react(shopper, slate, dice);
                    double revenue = rs.stream().mapToDouble(ShopReaction::revenue).sum();
                    sum += revenue;
                    sumSq += revenue * revenue;
                    purchases += rs.stream().anyMatch(ShopReaction::bought) ? 1 : 0;
                }
                double mean = sum / n;
                double sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
                double er = w.expectedRevenue(shopper, slate);
                assertEquals(mean, er, Z99 * sd / Math.sqrt(n), shopper + " " + slate);
                double p = w.purchaseProbability(shopper, slate);
                assertEquals((double) purchases / n, p, Z99 * Math.sqrt(p * (1 - p) / n), "purchase rate " + slate);
            }
        }
    }

    /** The formula written out from the shopper's and products' traits, apart from the world's tables. */
    @Test
    void closedFormIsTheDocumentedFunnel() {
        ShopWorld w = ShopWorld.generate(ShopConfig.small(21));
        SplittableRandom rng = new SplittableRandom(22);
        for (int t = 0; t < 50; t++) {
            Shopper s = w.nextVisitor(rng);
            List<String> slate = randomSlate(w, 5, rng);
            double er = 0;
            for (int j = 0; j < slate.size(); j++) {
                Product p = w.product(slate.get(j));
                double match = 0;
                for (int d = 0; d < p.latent().length; d++) match += s.taste()[d] * p.latent()[d];
                double view = logistic(match + s.affinities()[w.categories().indexOf(p.category())] + ShopBehaviour.BIAS);
                double cart = logistic(ShopBehaviour.CART_BASE - s.priceSensitivity() * Math.log(p.price())
                        + ShopBehaviour.CART_TASTE * match);
                er += 1 / (1 + 0.4 * j) * view * cart * ShopBehaviour.BUY_GIVEN_CART * p.price();
            }
            assertEquals(er, w.expectedRevenue(s.id(), slate), 1e-9 * (1 + er));
        }
    }

    @Test
    void theOracleSlateIsTheTopKBySingleItemValueAndNoSwapImprovesIt() {
        ShopWorld w = ShopWorld.generate(ShopConfig.small(31));
        for (Shopper s : w.shoppers().subList(0, 20)) {
            List<String> byValue = new ArrayList<>(w.products().stream().map(Product::id).toList());
            byValue.sort(Comparator.comparingDouble((String id) -> -w.expectedRevenue(s.id(), List.of(id))));
            List<String> oracle = w.oracleSlate(s.id(), 5);
            assertEquals(byValue.subList(0, 5), oracle);
            double best = w.expectedRevenue(s.id(), oracle);
            for (int j = 0; j < 5; j++) {
                for (String other : byValue.subList(5, byValue.size())) {
                    List<String> swapped = new ArrayList<>(oracle);
                    swapped.set(j, other);
                    assertTrue(w.expectedRevenue(s.id(), swapped) <= best, "swap " + other + " into " + j);
                }
            }
            List<String> reversed = new ArrayList<>(oracle);
            java.util.Collections.reverse(reversed);
            assertTrue(w.expectedRevenue(s.id(), reversed) <= best);
        }
    }

    /** The tuning targets: purchases in a few percent of random sessions, and a lot of room above random. */
    @Test
    void theOracleEarnsSeveralTimesWhatARandomSlateEarns() {
        for (ShopConfig c : List.of(ShopConfig.defaults(41), ShopConfig.small(42))) {
            ShopWorld w = ShopWorld.generate(c);
            SplittableRandom rng = new SplittableRandom(43);
            int n = 20_000;
            double random = 0;
            double oracle = 0;
            double randomBuys = 0;
            for (int i = 0; i < n; i++) {
                String s = w.nextVisitor(rng).id();
                List<String> slate = randomSlate(w, c.k(), rng);
                random += w.expectedRevenue(s, slate);
                randomBuys += w.purchaseProbability(s, slate);
                oracle += w.expectedRevenue(s, w.oracleSlate(s, c.k()));
            }
            String label = c.products() + " products: random " + random / n + ", oracle " + oracle / n;
            assertTrue(oracle > 4 * random, label);
            assertTrue(randomBuys / n > 0.03 && randomBuys / n < 0.08, label + ", random purchase rate " + randomBuys / n);
        }
    }

    @Test
    void aPurchaseDrawsTheShopperToItsComplements() {
        ShopWorld w = ShopWorld.generate(ShopConfig.small(51));
        SplittableRandom rng = new SplittableRandom(52);
        for (int t = 0; t < 30; t++) {
            String s = w.shoppers().get(t).id();
            Product bought = w.products().get(rng.nextInt(w.products().size()));
            List<String> complements = bought.complements();
            List<String> unrelated = w.products().stream().map(Product::id)
                    .filter(id -> !complements.contains(id)).limit(5).toList();
            double before = w.expectedRevenue(s, complements);
            double unrelatedBefore = w.expectedRevenue(s, unrelated);
            double[] logits = complements.stream().mapToDouble(id -> logit(w.viewProbability(s, id))).toArray();
            w.recordPurchase(s, bought.id());
            assertTrue(w.expectedRevenue(s, complements) > before, "complements of " + bought.id());
            assertEquals(unrelatedBefore, w.expectedRevenue(s, unrelated), 1e-12);
            for (int i = 0; i < complements.size(); i++) {
                assertEquals(logits[i] + ShopBehaviour.COMPLEMENT_BOOST, logit(w.viewProbability(s, complements.get(i))), 1e-9);
            }
        }
    }

    static List<String> randomSlate(ShopWorld w, int k, SplittableRandom rng) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        while (out.size() < k) out.add(w.products().get(rng.nextInt(w.products().size())).id());
        return List.copyOf(out);
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
