package dev.flywheel.sim.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.client.FlywheelClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopRunTest {
    private static final int EVERY = 250;

    @Test
    void aRunTalksToTheEngineThroughTheApiAndAccountsForEverySession() throws IOException {
        ShopWorld world = ShopWorld.generate(ShopConfig.small(91).withTruth(EVERY, 30));
        try (FakeEngine engine = new FakeEngine(world)) {
            ShopRun run = run(world, engine, 92);
            List<ShopSession> sessions = new ArrayList<>();
            run.run(1500, i -> sessions.add(run.lastSession()));
            ShopReport report = run.report();

            assertCatalogue(world, engine);
            assertEquals(1500, engine.decisionUser.size());
            assertEquals(1500, report.total().sessions());
            assertEquals(Set.of("champion", "canary", "holdout"), report.byArm().keySet());
            assertEquals(report.byArm().get("canary"), report.byVersion().get(FakeEngine.ORACLE));
            assertTrue(report.byArm().get("canary").expectedRevenuePerSession()
                    > 2 * report.byArm().get("champion").expectedRevenuePerSession(), "the oracle canary earns most");
            assertEquals(world.config().start().plus(world.config().spacing().multipliedBy(1500)), sessions.get(1499).time());

            assertEventsAddUpToTheReport(run, engine, sessions);
            // realised revenue scatters around the expected revenue of the slates served
            double diff = 0;
            double sq = 0;
            for (ShopSession s : sessions) {
                diff += s.revenue() - s.expectedRevenue();
                sq += (s.revenue() - s.expectedRevenue()) * (s.revenue() - s.expectedRevenue());
            }
            assertTrue(Math.abs(diff) < 2.576 * Math.sqrt(sq), diff + " vs sd " + Math.sqrt(sq));
        }
    }

    @Test
    void truthCheckpointsScoreEveryLiveVersionOnTheSampleWithoutLogging() throws IOException {
        ShopWorld world = ShopWorld.generate(ShopConfig.small(93).withTruth(EVERY, 30));
        try (FakeEngine engine = new FakeEngine(world)) {
            ShopRun run = run(world, engine, 94);
            List<Map<String, Double>> independent = new ArrayList<>();
            run.run(1500, i -> {
                if ((i + 1) % EVERY != 0) return;
                independent.add(scores(engine, world, run.truth().sample()));
                // half way the canary wins and the fixed slate leaves the rollout
                if (i + 1 == 750) {
                    engine.champion = FakeEngine.ORACLE;
                    engine.canary = null;
                }
            });
            List<Checkpoint> cps = run.truth().checkpoints();
            assertEquals(1500 / EVERY, cps.size());
            assertEquals(30, run.truth().sample().size());
            assertEquals(30 * (3 * 3 + 3 * 2), engine.previews.size());
            assertTrue(engine.previews.stream().allMatch(p -> !p.get("log").asBoolean() && p.get("k").asInt() == 5));
            assertEquals(1500, engine.decisionUser.size(), "previews must not log decisions");
            for (int c = 0; c < cps.size(); c++) {
                for (String v : cps.get(c).meanExpectedRevenue().keySet()) {
                    assertEquals(independent.get(c).get(v), cps.get(c).expectedRevenue(v), 1e-9, "checkpoint " + c + " " + v);
                }
            }
            Map<String, VersionTruth> truth = run.truth().truth();
            assertEquals(mean(independent.subList(0, 3), FakeEngine.ORACLE, FakeEngine.FIXED), truth.get(FakeEngine.ORACLE).upliftVsParent(), 1e-9);
            assertEquals(mean(independent.subList(3, 6), FakeEngine.ORACLE, FakeEngine.CHEAP), truth.get(FakeEngine.ORACLE).upliftVsHoldout(), 1e-9);
            assertEquals(mean(independent.subList(0, 3), FakeEngine.FIXED, FakeEngine.CHEAP), truth.get(FakeEngine.FIXED).upliftVsHoldout(), 1e-9);
            assertTrue(Double.isNaN(truth.get(FakeEngine.FIXED).upliftVsParent()));
            assertEquals(0.0, truth.get(FakeEngine.CHEAP).upliftVsHoldout());
            assertTrue(truth.get(FakeEngine.ORACLE).upliftVsHoldout() > 0, "the oracle must beat the cheapest slate");
            assertEquals(truth.keySet(), run.truth().toJson().keySet());
        }
    }

    @Test
    void theSameSeedReplaysTheSameRun() throws IOException {
        ShopReport first = replay(96);
        assertEquals(first, replay(96));
        assertNotEquals(first, replay(97));
    }

    @Test
    void anEngineThatRefusesOrMisbehavesStopsTheRun() throws IOException {
        ShopWorld world = ShopWorld.generate(ShopConfig.small(98).withTruth(0, 1));
        try (FakeEngine engine = new FakeEngine(world)) {
            ShopRun run = run(world, engine, 99);
            engine.rejectEvents = true;
            assertThrows(IllegalStateException.class, () -> run.run(500, i -> { }));
            engine.rejectEvents = false;
            engine.failDecide = true;
            assertThrows(IllegalStateException.class, () -> run.run(1, i -> { }));
            engine.failDecide = false;
            engine.unknownProduct = true;
            assertThrows(IllegalStateException.class, () -> run.run(1, i -> { }));
        }
    }

    private static void assertCatalogue(ShopWorld world, FakeEngine engine) {
        assertEquals(world.products().size(), engine.items.size());
        for (JsonNode item : engine.items) {
            Product p = world.product(item.get("id").asText());
            assertEquals(p.category(), item.get("topics").get(0).asText());
            assertTrue(item.get("body").asText().contains(p.brand()));
        }
        assertEquals(Map.of("/v1/items", "Bearer ingest", "/v1/events", "Bearer ingest",
                "/v1/loops/{loop}/decide", "Bearer decide", "/v1/loops/{loop}/state", "Bearer admin"), engine.keyByRoute);
    }

    private static void assertEventsAddUpToTheReport(ShopRun run, FakeEngine engine, List<ShopSession> sessions) {
        assertEquals(run.eventsSent(), engine.events.size());
        double purchased = 0;
        for (JsonNode e : engine.events) {
            assertEquals(engine.decisionUser.get(e.get("decision").asText()), e.get("user").asText());
            if (e.get("type").asText().equals("purchase")) purchased += e.get("value").asDouble();
        }
        assertEquals(run.report().total().revenue(), purchased, 1e-6);
        assertEquals(sessions.stream().mapToDouble(ShopSession::revenue).sum(), purchased, 1e-6);
        assertEquals(sessions.stream().mapToDouble(ShopSession::expectedRevenue).sum(),
                run.report().total().expectedRevenue(), 1e-6);
    }

    private static ShopReport replay(long seed) throws IOException {
        ShopWorld world = ShopWorld.generate(ShopConfig.small(95).withTruth(0, 1));
        try (FakeEngine engine = new FakeEngine(world)) {
            return run(world, engine, seed).run(600, i -> { });
        }
    }

    private static ShopRun run(ShopWorld world, FakeEngine engine, long seed) {
        SimClock clock = new SimClock(world.config().start());
        return new ShopRun(world, new FlywheelClient(engine.base(), "decide"), new FlywheelClient(engine.base(), "ingest"),
                new FlywheelClient(engine.base(), "admin"), "shop", clock, seed);
    }

    /** The mean expected revenue of each live version's slates over the sample, recomputed from the fake's rules. */
    private static Map<String, Double> scores(FakeEngine engine, ShopWorld world, List<String> sample) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> live = new ArrayList<>(List.of(engine.champion, engine.baseline));
        if (engine.canary != null) live.add(engine.canary);
        for (String v : live) {
            out.put(v, sample.stream().mapToDouble(u -> world.expectedRevenue(u, engine.slate(v, u))).average().orElseThrow());
        }
        return out;
    }

    private static double mean(List<Map<String, Double>> cps, String v, String minus) {
        return cps.stream().mapToDouble(m -> m.get(v) - m.get(minus)).average().orElseThrow();
    }
}
