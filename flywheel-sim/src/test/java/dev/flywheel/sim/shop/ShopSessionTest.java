package dev.flywheel.sim.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShopSessionTest {
    private static final ShopWorld WORLD = ShopWorld.generate(ShopConfig.small(61));
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void everyFunnelStepBecomesOneEventInsideTheWindow() {
        SplittableRandom rng = new SplittableRandom(62);
        Duration window = Duration.ofSeconds(60);
        for (int t = 0; t < 2000; t++) {
            String shopper = WORLD.nextVisitor(rng).id();
            List<String> slate = WORLD.oracleSlate(shopper, 5);
            ShopSession s = session(t, shopper, slate, WORLD.react(shopper, slate, rng));
            List<Map<String, Object>> events = s.events("checkout-recs", window);
            long steps = s.reactions().stream().mapToLong(r -> (r.viewed() ? 1 : 0) + (r.carted() ? 1 : 0) + (r.bought() ? 1 : 0)).sum();
            assertEquals(steps, events.size());
            Set<Object> ids = new HashSet<>();
            Instant previous = T;
            double value = 0;
            for (Map<String, Object> e : events) {
                assertTrue(ids.add(e.get("id")), "duplicate id " + e.get("id"));
                Instant at = Instant.parse((String) e.get("timestamp"));
                assertTrue(at.isAfter(previous) && at.isBefore(T.plus(window)), at + " after " + previous);
                previous = at;
                assertEquals(Map.of("user", shopper, "decision", "d-" + t, "loop", "checkout-recs"),
                        Map.of("user", e.get("user"), "decision", e.get("decision"), "loop", e.get("loop")));
                assertTrue(slate.contains((String) e.get("item")));
                if (e.get("type").equals(ShopSession.PURCHASE)) {
                    assertEquals(WORLD.product((String) e.get("item")).price(), e.get("value"));
                    value += (Double) e.get("value");
                } else {
                    assertTrue(!e.containsKey("value"), "only a purchase carries a value");
                }
            }
            assertEquals(s.revenue(), value, 1e-9);
        }
    }

    @Test
    void eventsOfOneItemFollowTheFunnelOrder() {
        ShopReaction all = new ShopReaction("p0001", 1, true, true, true, true, 12.5);
        ShopReaction viewOnly = new ShopReaction("p0002", 2, true, true, false, false, 3.0);
        ShopSession s = session(0, "s0001", List.of("p0001", "p0002"), List.of(all, viewOnly));
        List<Object> types = s.events("shop", Duration.ofSeconds(60)).stream().map(e -> e.get("type")).toList();
        assertEquals(List.of("click", "add_to_cart", "purchase", "click"), types);
        assertTrue(s.purchased());
        assertEquals(12.5, s.revenue());
    }

    @Test
    void aSessionMustMatchItsSlateAndAFunnelMustNotSkipSteps() {
        ShopReaction r = new ShopReaction("p0001", 1, true, false, false, false, 5);
        assertThrows(IllegalArgumentException.class, () -> session(0, "s0001", List.of("p0002"), List.of(r)));
        assertThrows(IllegalArgumentException.class, () -> new ShopReaction("p0001", 1, true, false, true, false, 5));
        assertThrows(IllegalArgumentException.class, () -> new ShopReaction("p0001", 1, false, true, false, false, 5));
    }

    static ShopSession session(int index, String shopper, List<String> slate, List<ShopReaction> reactions) {
        List<DecideAnswer.Slot> slots = slate.stream().map(i -> new DecideAnswer.Slot(i, 1, 1)).toList();
        DecideAnswer answer = new DecideAnswer("d-" + index, "v1", "champion", 1, 0, slots);
        return new ShopSession(index, T, shopper, answer, 0, reactions);
    }
}
