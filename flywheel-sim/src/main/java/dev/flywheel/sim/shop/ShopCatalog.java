package dev.flywheel.sim.shop;

import dev.flywheel.sim.client.FlywheelClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's product feed, as a product would post it to {@code /v1/items}: what a product page
 * shows (title, description, category, brand, colour, price), never the hidden vectors or the
 * bought-together structure, which the engine must learn from behaviour.
 */
public final class ShopCatalog {
    private ShopCatalog() { }

    /** The items body, one entry per product. */
    public static List<Map<String, Object>> items(ShopWorld world) {
        List<Map<String, Object>> items = new ArrayList<>(world.products().size());
        for (Product p : world.products()) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("brand", p.brand());
            attributes.put("colour", p.colour());
            attributes.put("price", p.price());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", p.id());
            item.put("title", p.title());
            item.put("body", p.body());
            item.put("topics", List.of(p.category()));
            item.put("attributes", attributes);
            items.add(item);
        }
        return items;
    }

    /** Posts the whole catalogue; a refused item fails loudly. */
    public static void publish(ShopWorld world, FlywheelClient ingest) {
        List<Map<String, Object>> items = items(world);
        FlywheelClient.Answer a = ingest.post("/v1/items", Map.of("items", items));
        if (a.status() != 200 || a.body() == null || a.body().path("accepted").asInt(-1) != items.size()) {
            throw new IllegalStateException("catalog refused: HTTP " + a.status() + " " + a.text());
        }
    }
}
