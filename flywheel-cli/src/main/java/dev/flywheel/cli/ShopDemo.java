package dev.flywheel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.analysis.UpliftLedger;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.model.RankerModel;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.rollout.LoopLifecycle;
import dev.flywheel.rollout.ModelLifecycle;
import dev.flywheel.rollout.RolloutState;
import dev.flywheel.server.LedgerJson;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import dev.flywheel.sim.shop.ShopConfig;
import dev.flywheel.sim.shop.ShopRun;
import dev.flywheel.sim.shop.ShopWorld;
import dev.flywheel.store.duckdb.DuckDbRolloutData;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code flywheel demo --world shop}: the shop of scenario 3 against a running engine. Shoppers ask
 * for recommendations over HTTP and buy; the engine's autopilot retrains on closed outcomes, shadows
 * each new version, canaries it and promotes or rolls it back; a holdout keeps the first version all
 * along. The demo ticks the autopilot every {@code tickEvery} sessions (so a run is repeatable) and
 * ends with the versions, the audit log, the uplift ledger and the world's true uplifts.
 */
final class ShopDemo {
    static final String LOOP = "shop";
    private final Options o;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param injectAfter register a deliberately harmful version (reversed scores) once this many
     *                    sessions have run and no challenger is out; 0: never
     */
    record Options(long seed, int sessions, int tickEvery, int injectAfter, boolean json, Path data, ShopConfig world) { }

    ShopDemo(Options o) {
        this.o = o;
    }

    /** The loop as the demo configures it: revenue is the reward; retraining on every 15,000 closed outcomes. */
    static Map<String, Object> config() {
        return Map.of("server", Map.of("port", 0), "autopilot", Map.of("tick", "0s"), "loops", List.of(Map.of(
                "name", LOOP, "model", "content-bandit", "k", 5, "window", "2m",
                "candidates", Map.of("consumed", List.of("purchase")),
                // a cart or a purchase says the shopper likes the product: their profiles and rates
                "learner", Map.of("roles", Map.of("like", List.of("add_to_cart", "purchase"))),
                "reward", Map.of("value_weights", Map.of("purchase", 1.0)),
                "rollout", Map.of("canary", 0.5, "holdout", 0.1, "initial", "frozen",
                        "retrain", Map.of("outcomes", 15_000, "shadow_decisions", 300),
                        "promotion", Map.of("min_exposures", 1_000, "max_exposures", 4_000, "margin", 0.25, "cap", 60)))));
    }

    ObjectNode run() {
        ShopWorld world = ShopWorld.generate(o.world());
        SimClock clock = new SimClock(o.world().start());
        Path dir = o.data() != null ? o.data() : TempDirs.create("flywheel-shop");
        try (Engine engine = Engine.open(dir, FlywheelConfig.from(config()), clock, null)) {
            URI base = URI.create("http://127.0.0.1:" + engine.start() + "/");
            FlywheelClient admin = new FlywheelClient(base, read(dir.resolve("admin.key")));
            ShopRun run = new ShopRun(world, new FlywheelClient(base, key(admin, "decide")), new FlywheelClient(base, key(admin, "ingest")),
                    admin, LOOP, clock, o.seed());
            Progress progress = o.json() ? new Progress("sessions", o.sessions()) : null;
            boolean injected = false;
            for (int done = 0; done < o.sessions(); done += o.tickEvery()) {
                run.run(Math.min(o.tickEvery(), o.sessions() - done), i -> { });
                settle(engine);
                int at = done;
                engine.autopilot().tick().forEach(r -> say(at, r));
                if (!injected && o.injectAfter() > 0 && done >= o.injectAfter() && idle(engine)) {
                    say(done, inject(engine.lifecycle()));
                    injected = true;
                }
                if (progress != null) progress.step(Math.min(o.sessions(), done + o.tickEvery()));
            }
            if (progress != null) progress.done();
            settle(engine);
            return summary(engine, run, clock);
        } finally {
            if (o.data() == null) TempDirs.deleteQuietly(dir);
        }
    }

    /** Waits until the runner and the store have everything the sessions sent. */
    private static void settle(Engine engine) {
        engine.awaitStream(60_000);
        engine.materializer().awaitSeq(engine.storageLog().nextSeq() - 1, 60_000);
    }

    private static boolean idle(Engine engine) {
        return engine.lifecycle().read(LOOP, l -> l.state().challenger() == null);
    }

    /**
     * A version that ranks upside down what the newest trained version learned (the champion's
     * scores when nothing was trained yet): what the rules must catch.
     */
    static AuditRecord inject(ModelLifecycle life) {
        RolloutState s = life.read(LOOP, LoopLifecycle::state);
        VersionRecord champion = life.read(LOOP, l -> {
            VersionRecord newest = l.versions().get(s.champion());
            for (VersionRecord v : l.versions().values()) if (v.dataset() != null && !"injected".equals(v.trigger())) newest = v;
            return newest;
        });
        byte[] state = champion.state() != null ? life.states().get(champion.state()) : life.served(LOOP).model().state().get();
        String id = life.states().put(RankerModel.fromBytes(state).reversed().toBytes());
        String v = life.read(LOOP, LoopLifecycle::nextVersion);
        life.register(new VersionRecord(LOOP, v, champion.family(), champion.params(), champion.dataset(), life.code(),
                s.champion(), "injected", VersionRecord.Mode.FROZEN, java.time.Instant.now(), Map.of(), id),
                "demo", "--inject-bad-model: the champion's scores reversed");
        return life.change(LOOP, Action.SHADOW, v, "demo", "the injected version goes through the same rules", Map.of());
    }

    private void say(int session, AuditRecord r) {
        if (o.json()) return;
        System.out.printf("session %6d  %-8s %-4s by %-26s %s%n", session, r.action().label(), r.version(), r.actor(), r.reason());
    }

    private ObjectNode summary(Engine engine, ShopRun run, SimClock clock) {
        ObjectNode out = json.createObjectNode().put("world", "shop").put("seed", o.seed()).put("sessions", run.sessionsPlayed());
        UpliftLedger.Registry reg = engine.lifecycle().read(LOOP, UpliftLedger.Registry::of);
        ArrayNode versions = out.putArray("versions");
        for (VersionRecord v : reg.versions()) {
            versions.addObject().put("version", v.version()).put("parent", v.parent()).put("trigger", v.trigger())
                    .put("dataset", v.dataset()).put("status", reg.status().get(v.version()));
        }
        ArrayNode audit = out.putArray("audit");
        for (AuditRecord r : engine.lifecycle().read(LOOP, l -> List.copyOf(l.audit()))) audit.add(auditJson(r));
        UpliftLedger.Ledger ledger = UpliftLedger.compute(reg, new DuckDbRolloutData(engine.store()), clock.instant());
        out.set("ledger", LedgerJson.render(json, ledger));
        out.set("truth", json.valueToTree(dev.flywheel.sim.shop.VersionTruth.toJson(run.served().truth())));
        out.set("truth_previews", json.valueToTree(run.truth().toJson()));
        out.set("report", json.valueToTree(run.report().toJson()));
        out.set("served", served(engine));
        if (!o.json()) print(out);
        return out;
    }

    /** Decisions per arm and version, from the store: which versions the holdout and the canary really served. */
    private ObjectNode served(Engine engine) {
        ObjectNode out = json.createObjectNode();
        try (var c = engine.store().connect(); var st = c.createStatement();
             var r = st.executeQuery("SELECT arm, model, count(*) FROM decisions WHERE loop = '" + LOOP + "' GROUP BY arm, model ORDER BY arm, model")) {
            while (r.next()) {
                ObjectNode arm = out.has(r.getString(1)) ? (ObjectNode) out.get(r.getString(1)) : out.putObject(r.getString(1));
                arm.put(r.getString(2), r.getLong(3));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot count served decisions: " + e.getMessage(), e);
        }
        return out;
    }

    private ObjectNode auditJson(AuditRecord r) {
        ObjectNode a = json.createObjectNode().put("seq", r.seq()).put("at", r.at().toString()).put("action", r.action().label())
                .put("version", r.version()).put("actor", r.actor()).put("reason", r.reason());
        ObjectNode n = a.putObject("numbers");
        r.numbers().forEach(n::put);
        return a;
    }

    private static void print(ObjectNode out) {
        System.out.println("\nversions:");
        out.get("versions").forEach(v -> System.out.printf("  %-4s parent %-4s trigger %-9s %s%n", v.get("version").asText(),
                v.path("parent").asText("-"), v.get("trigger").asText(), v.get("status").asText()));
        System.out.println("\nledger (revenue per decision, 95 % intervals) and the world's truth:");
        for (var l : out.at("/ledger/versions")) {
            var t = out.path("truth").path(l.get("version").asText());
            System.out.printf("  %-4s vs parent %-30s (true %s)  vs holdout %-30s (true %s)  value %s%n", l.get("version").asText(),
                    interval(l.get("uplift_vs_parent")), t.path("uplift_vs_parent").asText("-"), interval(l.get("uplift_vs_holdout")),
                    t.path("uplift_vs_holdout").asText("-"), interval(l.get("attributed_value")));
        }
    }

    private static String interval(com.fasterxml.jackson.databind.JsonNode e) {
        return e == null || e.isNull() ? "-" : String.format("%+.3f [%+.3f, %+.3f]", e.get("estimate").asDouble(),
                e.get("ci_low").asDouble(), e.get("ci_high").asDouble());
    }

    private static String key(FlywheelClient admin, String scope) {
        return admin.post("/v1/keys", Map.of("scopes", List.of(scope), "name", "shop-" + scope)).body().get("key").asText();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + p, e);
        }
    }
}
