package dev.flywheel.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.auth.ApiKey;
import dev.flywheel.auth.ApiKeys;
import dev.flywheel.auth.IssuedKey;
import dev.flywheel.auth.KeyRing;
import dev.flywheel.auth.KeyStore;
import dev.flywheel.auth.Scope;
import dev.flywheel.server.ApiException;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code /v1/keys}: admins make, list and revoke keys. A new secret appears once, in the answer. */
public final class KeysResource {
    private final ObjectMapper json;
    private final KeyStore store;
    private final KeyRing ring;
    private final Clock clock;

    public KeysResource(ObjectMapper json, KeyStore store, KeyRing ring, Clock clock) {
        this.json = json;
        this.store = store;
        this.ring = ring;
        this.clock = clock;
    }

    public void create(Context ctx) throws Exception {
        JsonNode body = json.readTree(Bodies.read(ctx, 64 * 1024));
        if (body == null || !body.isObject()) throw ApiException.badRequest("body", "must be a JSON object with scopes");
        Set<Scope> scopes = scopes(body.get("scopes"));
        JsonNode name = body.get("name");
        if (name != null && !name.isTextual()) throw ApiException.badRequest("name", "must be a string");
        IssuedKey k = ApiKeys.issue(scopes, name == null ? "" : name.textValue(), clock.instant());
        store.put(k.key());
        ring.reload();
        ObjectNode out = describe(k.key());
        out.put("key", k.secret());
        ctx.status(201).contentType("application/json").result(json.writeValueAsBytes(out));
    }

    public void list(Context ctx) throws Exception {
        ObjectNode out = json.createObjectNode();
        ArrayNode arr = out.putArray("keys");
        for (ApiKey k : store.all()) arr.add(describe(k));
        ctx.contentType("application/json").result(json.writeValueAsBytes(out));
    }

    public void revoke(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        if (!store.revoke(id)) throw new ApiException(404, "no key with id " + id, List.of());
        ring.reload();
        ctx.status(204);
    }

    private static Set<Scope> scopes(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiException.badRequest("scopes", "must be a non-empty array of ingest, decide, admin, review");
        }
        Set<Scope> out = EnumSet.noneOf(Scope.class);
        for (int i = 0; i < node.size(); i++) {
            try {
                out.add(Scope.parse(node.get(i).asText()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("scopes[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    private ObjectNode describe(ApiKey k) {
        ObjectNode o = json.createObjectNode();
        o.put("id", k.id());
        o.put("name", k.name());
        ArrayNode s = o.putArray("scopes");
        k.scopes().stream().map(Scope::wireName).sorted().forEach(s::add);
        o.put("created", k.created().toString());
        o.put("revoked", k.revoked());
        return o;
    }
}
