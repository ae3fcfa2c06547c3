package dev.flywheel.sim.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the engine's HTTP API, just deep enough for the shop to run against: it serves
 * slates by version from rules a test can recompute (it reads the world on purpose), records
 * everything it is sent, and answers the documented shapes. Arms are sticky by a hash of the user.
 */
final class FakeEngine implements AutoCloseable {
    static final String ORACLE = "v-oracle";
    static final String FIXED = "v-fixed";
    static final String CHEAP = "v-cheap";
    private final ObjectMapper json = new ObjectMapper();
    private final ShopWorld world;
    private final HttpServer server;
    final List<JsonNode> items = new ArrayList<>();
    final List<JsonNode> events = new ArrayList<>();
    final List<JsonNode> previews = new ArrayList<>();
    final Map<String, String> decisionUser = new HashMap<>();
    final Map<String, String> keyByRoute = new HashMap<>();
    String champion = FIXED;
    String canary = ORACLE;
    String baseline = CHEAP;
    boolean rejectEvents;
    boolean failDecide;
    boolean unknownProduct;

    static {
        // without it Nagle's algorithm meets delayed ACKs and every request waits ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeEngine(ShopWorld world) throws IOException {
        this.world = world;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The slate a version serves; tests recompute it the same way. */
    List<String> slate(String version, String user) {
        int k = world.config().k();
        return switch (version) {
            case ORACLE -> world.oracleSlate(user, k);
            case FIXED -> world.products().subList(0, k).stream().map(Product::id).toList();
            case CHEAP -> world.products().stream().sorted(Comparator.comparingDouble(Product::price))
                    .limit(k).map(Product::id).toList();
            default -> throw new IllegalArgumentException(version);
        };
    }

    private synchronized void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        keyByRoute.put(path.replaceAll("/v1/loops/[^/]+/", "/v1/loops/{loop}/"), x.getRequestHeaders().getFirst("Authorization"));
        JsonNode body = x.getRequestMethod().equals("POST") ? json.readTree(x.getRequestBody()) : null;
        if (path.equals("/v1/items")) {
            body.get("items").forEach(items::add);
            reply(x, 200, ingested(body.get("items").size(), false));
        } else if (path.equals("/v1/events")) {
            if (!rejectEvents) body.get("events").forEach(events::add);
            reply(x, 200, ingested(body.get("events").size(), rejectEvents));
        } else if (path.endsWith("/decide")) {
            if (failDecide) reply(x, 500, json.createObjectNode().put("error", "boom"));
            else reply(x, 200, decide(body));
        } else if (path.endsWith("/state")) {
            reply(x, 200, state());
        } else {
            reply(x, 404, json.createObjectNode().put("error", "no route " + path));
        }
    }

    private ObjectNode decide(JsonNode body) {
        String user = body.get("user").asText();
        boolean log = !body.has("log") || body.get("log").asBoolean();
        ObjectNode out = json.createObjectNode();
        String version;
        if (log) {
            int bucket = Math.floorMod(user.hashCode() * 31 + 7, 10);
            String arm = bucket == 0 ? "holdout" : bucket <= 2 && canary != null ? "canary" : "champion";
            version = arm.equals("holdout") ? baseline : arm.equals("canary") ? canary : champion;
            String id = "d-" + decisionUser.size();
            decisionUser.put(id, user);
            out.put("decision", id).put("model", version).put("arm", arm).put("arm_probability", 0.1).put("period", 1);
        } else {
            previews.add(body);
            version = body.get("version").asText();
            out.putNull("decision").put("model", version).put("arm", "preview").put("arm_probability", 1).put("period", 1);
        }
        List<String> slate = new ArrayList<>(slate(version, user));
        if (unknownProduct) slate.set(0, "p-nope");
        for (String item : slate) out.withArray("items").addObject().put("item", item).put("score", 0.5).put("propensity", 1.0);
        return out;
    }

    private ObjectNode state() {
        ObjectNode s = json.createObjectNode().put("loop", "shop").put("period", 1).put("champion", champion)
                .put("challenger", canary).put("stage", canary == null ? null : "canary").put("baseline", baseline);
        ObjectNode arms = s.putObject("arms");
        arms.putObject("champion").put("version", champion).put("share", canary == null ? 0.9 : 0.7);
        if (canary != null) arms.putObject("canary").put("version", canary).put("share", 0.2);
        arms.putObject("holdout").put("version", baseline).put("share", 0.1);
        return s;
    }

    private ObjectNode ingested(int n, boolean reject) {
        ObjectNode out = json.createObjectNode().put("accepted", reject ? 0 : n).put("duplicates", 0);
        if (reject) out.putArray("rejected").addObject().put("index", 0).putNull("id");
        else out.putArray("rejected");
        return out;
    }

    private void reply(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
