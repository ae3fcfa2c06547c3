package dev.flywheel.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.log.Bytes;
import dev.flywheel.rollout.AuditRecord.Action;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCodecTest {
    @Test
    void everyKindOfRecordComesBackEqual() {
        Instant t = Instant.parse("2026-05-01T10:15:30.123456789Z");
        for (AuditRecord r : List.of(Records.register(1, "shop", "v1", t), Records.change(2, "shop", Action.PROMOTE, "v1", t),
                Records.allocate(3, "shop", new Allocation(0.2, 0.05, false), t))) {
            Bytes b = new Bytes(64);
            AuditCodec.encode(r, b);
            assertEquals(r, AuditCodec.decode(b.array(), 0, b.length()));
        }
    }
}
