package dev.flywheel.rollout;

import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import java.time.Instant;
import java.util.Map;

/** Audit records for tests, one line each. */
public final class Records {
    private Records() { }

    public static VersionRecord version(String loop, String v, String parent) {
        return new VersionRecord(loop, v, "content-bandit", Map.of("learner.alpha", "1.0"), "snap-" + v, "dev", parent,
                "manual", VersionRecord.Mode.FROZEN, Instant.parse("2026-01-01T00:00:00Z"), Map.of("ndcg@10", 0.12),
                "0".repeat(63) + v.length());
    }

    public static AuditRecord register(long seq, String loop, String v, Instant at) {
        return new AuditRecord(seq, at, loop, Action.REGISTER, v, "engine", "test", Map.of(), version(loop, v, null), null);
    }

    public static AuditRecord change(long seq, String loop, Action a, String v, Instant at) {
        return new AuditRecord(seq, at, loop, a, v, "rule:test", "because", Map.of("statistic", 1.5, "ci_low", 0.2), null, null);
    }

    public static AuditRecord allocate(long seq, String loop, Allocation a, Instant at) {
        return new AuditRecord(seq, at, loop, Action.ALLOCATE, null, "key:k1", "wider canary", Map.of(), null, a);
    }
}
