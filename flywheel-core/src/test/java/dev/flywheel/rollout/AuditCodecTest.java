package dev.flywheel.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.flywheel.log.Bytes;
import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditCodecTest {
    private static final Instant T = Instant.parse("2026-05-01T10:15:30.123456789Z");

    private static Bytes encoded(AuditRecord r) {
        Bytes b = new Bytes(64);
        AuditCodec.encode(r, b);
        return b;
    }

    @Test
    void everyKindOfRecordComesBackEqual() {
        for (AuditRecord r : List.of(Records.register(1, "shop", "v1", T), Records.change(2, "shop", Action.PROMOTE, "v1", T),
                Records.allocate(3, "shop", new Allocation(0.2, 0.05, false), T), Records.change(4, "shop", Action.PAUSE, "v2", T))) {
            Bytes b = encoded(r);
            assertEquals(1, b.array()[0], "records without an online version keep the first format");
            assertEquals(r, AuditCodec.decode(b.array(), 0, b.length()));
        }
    }

    @Test
    void anOnlineRetrainedVersionKeepsItsLearningPositionAndTheLiveLearnerHasNone() {
        VersionRecord online = new VersionRecord("shop", "v2", "content-bandit", Map.of(), "a".repeat(64), "dev", "v1", "outcomes",
                VersionRecord.Mode.ONLINE, T, Map.of("rows", 40.0), "b".repeat(64)).learningAfter(1_234_567_890_123L);
        AuditRecord r = new AuditRecord(7, T, "shop", Action.REGISTER, "v2", "engine", "test", Map.of(), online, null);
        Bytes b = encoded(r);
        assertEquals(2, b.array()[0]);
        AuditRecord back = AuditCodec.decode(b.array(), 0, b.length());
        assertEquals(r, back);
        assertEquals(1_234_567_890_123L, back.registered().learnsAfter());

        VersionRecord live = new VersionRecord("shop", "v1", "content-bandit", Map.of(), null, "dev", null, "initial",
                VersionRecord.Mode.ONLINE, T, Map.of(), null);
        Bytes l = encoded(new AuditRecord(1, T, "shop", Action.REGISTER, "v1", "engine", "first", Map.of(), live, null));
        assertEquals(1, l.array()[0], "a log of today's versions reads with the code before format 2");
        assertNull(AuditCodec.decode(l.array(), 0, l.length()).registered().learnsAfter());
    }
}
