package dev.flywheel.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.analysis.UpliftLedger;

/** The uplift ledger's JSON, one shape for {@code GET /v1/loops/{loop}/ledger} and {@code flywheel analyze ledger --json}. */
public final class LedgerJson {
    private LedgerJson() { }

    /** The ledger's JSON: the shape {@code flywheel analyze ledger --json} prints too. */
    public static ObjectNode render(ObjectMapper json, UpliftLedger.Ledger ledger) {
        ObjectNode out = json.createObjectNode().put("loop", ledger.loop()).put("metric", ledger.metric());
        ArrayNode versions = out.putArray("versions");
        for (UpliftLedger.Line l : ledger.versions()) {
            ObjectNode o = versions.addObject().put("version", l.version()).put("parent", l.parent()).put("trigger", l.trigger())
                    .put("dataset", l.dataset()).put("status", l.status()).put("exposures", l.exposures())
                    .put("champion_decisions", l.championDecisions())
                    .put("time_as_champion_seconds", l.timeAsChampion().toSeconds());
            estimate(o, "uplift_vs_parent", l.upliftVsParent());
            estimate(o, "uplift_vs_holdout", l.upliftVsHoldout());
            estimate(o, "attributed_value", l.attributedValue());
            o.put("attributed_against", l.attributedAgainst());
        }
        return out;
    }

    private static void estimate(ObjectNode o, String name, UpliftLedger.Estimate e) {
        if (e == null) {
            o.putNull(name);
            return;
        }
        o.putObject(name).put("estimate", e.estimate()).put("ci_low", e.low()).put("ci_high", e.high())
                .put("treatment_users", e.treatmentUsers()).put("control_users", e.controlUsers());
    }
}
