package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.sim.shop.ShopConfig;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shop demo's JSON, on a short run (the full demo runs for about two minutes: its five-seed
 * results are in docs/lifecycle.md): versions with lineage, the audit log, the ledger and the
 * world's truth, and a holdout that served nothing but the baseline.
 */
class ShopDemoTest {
    @Test
    void aShortShopRunReportsVersionsAuditLedgerAndTruthAndTheHoldoutServesOnlyTheBaseline() {
        ObjectNode out = new ShopDemo(new ShopDemo.Options(7, 5_000, 200, 0, true, null, ShopConfig.defaults(7))).run();
        JsonNode versions = out.get("versions");
        assertTrue(versions.size() >= 2, "the outcome trigger retrains within 5,000 sessions: " + versions);
        assertEquals("initial", versions.get(0).get("trigger").asText());
        assertEquals("outcomes", versions.get(1).get("trigger").asText());
        assertEquals("v1", versions.get(1).get("parent").asText());
        assertEquals(64, versions.get(1).get("dataset").asText().length(), "a snapshot's content hash");
        Set<String> actions = new HashSet<>();
        out.get("audit").forEach(a -> actions.add(a.get("action").asText()));
        assertTrue(actions.containsAll(Set.of("register", "promote", "shadow")), actions.toString());
        assertEquals("shop", out.at("/ledger/loop").asText());
        assertEquals(versions.size(), out.at("/ledger/versions").size());
        assertTrue(out.get("truth").has("v1"));
        JsonNode holdout = out.at("/served/holdout");
        assertEquals(1, holdout.size(), holdout.toString());
        assertTrue(holdout.has("v1"), holdout.toString());
        assertEquals(5_000, out.at("/report/total/sessions").asLong());
    }
}
