package dev.flywheel.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.Item;
import dev.flywheel.catalog.TermVector;
import dev.flywheel.server.ApiException;
import dev.flywheel.server.FlywheelServer;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code GET /v1/items/{id}}: the current version of an item and the heaviest terms of its vector. */
public final class ItemsResource {
    private final ObjectMapper json;
    private final Catalog catalog;
    private final FlywheelServer.StreamView stream;

    public ItemsResource(ObjectMapper json, Catalog catalog, FlywheelServer.StreamView stream) {
        this.json = json;
        this.catalog = catalog;
        this.stream = stream;
    }

    public void get(Context ctx) throws Exception {
        stream.awaitCurrent(2_000); // an item posted just before is visible
        String id = ctx.pathParam("id");
        Catalog.Entry e = catalog.get(id).orElseThrow(() -> new ApiException(404, "no item with id " + id, List.of()));
        Item item = e.item();
        ObjectNode out = json.createObjectNode();
        out.put("id", item.id()).put("title", item.title());
        ArrayNode topics = out.putArray("topics");
        item.topics().forEach(topics::add);
        if (item.published() != null) out.put("published", item.published().toString());
        ArrayNode terms = out.putArray("top_terms");
        for (int i : heaviest(e.vector(), 10)) {
            terms.addObject().put("term", e.vector().term(i)).put("weight", e.vector().weight(i));
        }
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    private static List<Integer> heaviest(TermVector v, int n) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) idx.add(i);
        idx.sort(Comparator.comparingDouble(v::weight).reversed());
        return idx.subList(0, Math.min(n, idx.size()));
    }
}
