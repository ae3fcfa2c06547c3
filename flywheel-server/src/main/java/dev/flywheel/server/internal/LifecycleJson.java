package dev.flywheel.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.LoopLifecycle;
import dev.flywheel.rollout.RolloutState;

/** The JSON shapes of the registry: a version, a rollout state, an audit record. */
final class LifecycleJson {
    private LifecycleJson() { }

    static void version(ObjectNode o, VersionRecord v, LoopLifecycle l) {
        o.put("version", v.version()).put("parent", v.parent()).put("trigger", v.trigger()).put("dataset", v.dataset())
                .put("status", l.status(v.version()).label()).put("mode", v.mode().name().toLowerCase(java.util.Locale.ROOT))
                .put("family", v.family()).put("code", v.code()).put("created", v.created().toString())
                .put("state", v.state()).put("learns_after", v.learnsAfter()).put("replaced", l.replaced(v.version()));
        ObjectNode params = o.putObject("params");
        v.params().forEach(params::put);
        ObjectNode metrics = o.putObject("metrics");
        v.metrics().forEach(metrics::put);
    }

    static void state(ObjectNode o, RolloutState s) {
        o.put("period", s.period()).put("since", s.since().toString()).put("champion", s.champion())
                .put("challenger", s.challenger()).put("stage", s.stage() == null ? null : s.stage().label())
                .put("baseline", s.baseline());
        ObjectNode arms = o.putObject("arms");
        arms.putObject("champion").put("version", s.champion()).put("share", 1 - s.holdoutShare() - s.canaryShare());
        if (s.canary() != null) arms.putObject("canary").put("version", s.canary()).put("share", s.canaryShare());
        if (s.holdoutShare() > 0) arms.putObject("holdout").put("version", s.baseline()).put("share", s.holdoutShare());
        if (s.shadow() != null) arms.putObject("shadow").put("version", s.shadow()).put("scores", s.allocation().shadow());
        o.putObject("allocation").put("canary", s.allocation().canary()).put("holdout", s.allocation().holdout())
                .put("shadow", s.allocation().shadow());
    }

    static void audit(ObjectNode o, AuditRecord r) {
        o.put("seq", r.seq()).put("at", r.at().toString()).put("loop", r.loop()).put("action", r.action().label())
                .put("version", r.version()).put("actor", r.actor()).put("reason", r.reason());
        ObjectNode numbers = o.putObject("numbers");
        r.numbers().forEach(numbers::put);
        if (r.allocation() != null) {
            o.putObject("allocation").put("canary", r.allocation().canary()).put("holdout", r.allocation().holdout())
                    .put("shadow", r.allocation().shadow());
        }
    }
}
