package dev.flywheel.sim.shop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One visit to the shop: who came, what the engine served, what the world expected that slate to
 * earn (before the visit changed the shopper's state) and what the shopper did.
 *
 * @param index           0-based number of the session in its run
 * @param time            the decision time
 * @param expectedRevenue the world's closed-form expected revenue of the served slate
 */
public record ShopSession(int index, Instant time, String shopper, DecideAnswer answer, double expectedRevenue,
                          List<ShopReaction> reactions) {
    /** A view of a product page opened from the slate: a click-through, the engine's {@code click}. */
    public static final String VIEW = "click";
    public static final String ADD_TO_CART = "add_to_cart";
    public static final String PURCHASE = "purchase";

    public ShopSession {
        if (index < 0 || time == null || shopper == null || answer == null) {
            throw new IllegalArgumentException("index >= 0, time, shopper and answer are required");
        }
        if (answer.decision() == null) throw new IllegalArgumentException("a session needs a logged decision");
        if (!(expectedRevenue >= 0)) throw new IllegalArgumentException("expectedRevenue must be >= 0, got " + expectedRevenue);
        reactions = List.copyOf(reactions);
        if (!reactions.stream().map(ShopReaction::item).toList().equals(answer.slate())) {
            throw new IllegalArgumentException("reactions must follow the served slate " + answer.slate());
        }
    }

    public double revenue() {
        return reactions.stream().mapToDouble(ShopReaction::revenue).sum();
    }

    public boolean purchased() {
        return reactions.stream().anyMatch(ShopReaction::bought);
    }

    /**
     * The reactions as engine events, in the order they happened: slot by slot, view → cart →
     * purchase. They are spread evenly over the reaction window so the last one still falls inside it.
     */
    public List<Map<String, Object>> events(String loop, Duration window) {
        Duration step = window.dividedBy(3L * Math.max(1, reactions.size()) + 1);
        List<Map<String, Object>> out = new ArrayList<>();
        for (ShopReaction r : reactions) {
            if (r.viewed()) out.add(event(loop, VIEW, r, null, time.plus(step.multipliedBy(out.size() + 1))));
            if (r.carted()) out.add(event(loop, ADD_TO_CART, r, null, time.plus(step.multipliedBy(out.size() + 1))));
            if (r.bought()) out.add(event(loop, PURCHASE, r, r.price(), time.plus(step.multipliedBy(out.size() + 1))));
        }
        return out;
    }

    private Map<String, Object> event(String loop, String type, ShopReaction r, Double value, Instant at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", "shop-" + answer.decision() + "-" + r.position() + "-" + type);
        e.put("type", type);
        e.put("timestamp", at.toString());
        e.put("user", shopper);
        e.put("decision", answer.decision());
        e.put("loop", loop);
        e.put("item", r.item());
        if (value != null) e.put("value", value);
        return e;
    }
}
