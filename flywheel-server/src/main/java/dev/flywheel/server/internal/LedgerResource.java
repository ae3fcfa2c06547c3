package dev.flywheel.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flywheel.analysis.UpliftLedger;
import dev.flywheel.event.FieldError;
import dev.flywheel.server.ApiException;
import dev.flywheel.server.FlywheelServer;
import dev.flywheel.server.LedgerJson;
import io.javalin.http.Context;
import java.util.List;

/** {@code GET /v1/loops/{loop}/ledger}: every version's exposures, uplifts and attributed value. */
public final class LedgerResource {
    private final ObjectMapper json;
    private final FlywheelServer.Lifecycle lifecycle;

    public LedgerResource(ObjectMapper json, FlywheelServer.Lifecycle lifecycle) {
        this.json = json;
        this.lifecycle = lifecycle;
    }

    public void handle(Context ctx) throws Exception {
        String loop = ctx.pathParam("loop");
        if (!lifecycle.registry().serves(loop)) {
            throw new ApiException(404, "no loop named " + loop + " is served by Flywheel", List.of(new FieldError("loop", "unknown")));
        }
        UpliftLedger.Registry reg = lifecycle.registry().read(loop, UpliftLedger.Registry::of);
        UpliftLedger.Ledger ledger = UpliftLedger.compute(reg, lifecycle.require(lifecycle.data(), "the rollout data"), lifecycle.now().get());
        ctx.contentType("application/json").result(json.writeValueAsBytes(LedgerJson.render(json, ledger)));
    }
}
