package dev.flywheel.rollout.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.rollout.Allocation;
import dev.flywheel.rollout.AuditLog;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import dev.flywheel.rollout.Records;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link AuditLog} adapter must do. */
public abstract class AuditLogContract {
    @TempDir
    protected Path dir;

    protected abstract AuditLog open(Path dir);

    protected static List<AuditRecord> history(int n) {
        Instant t = Instant.parse("2026-02-01T00:00:00Z");
        List<AuditRecord> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Instant at = t.plusSeconds(i);
            out.add(switch (i % 3) {
                case 1 -> Records.register(i, "loop-" + (i % 2), "v" + i, at);
                case 2 -> Records.change(i, "loop-" + (i % 2), Action.PROMOTE, "v" + (i - 1), at);
                default -> Records.allocate(i, "loop-" + (i % 2), new Allocation(0.1, 0.01 * (i % 7), i % 2 == 0), at);
            });
        }
        return out;
    }

    @Test
    void recordsComeBackInOrderAfterReopening() {
        List<AuditRecord> in = history(50);
        try (AuditLog log = open(dir)) {
            assertEquals(List.of(), log.readAll());
            in.subList(0, 20).forEach(log::append);
        }
        try (AuditLog log = open(dir)) {
            assertEquals(in.subList(0, 20), log.readAll());
            in.subList(20, 50).forEach(log::append);
            assertEquals(in, log.readAll());
        }
        try (AuditLog log = open(dir)) {
            assertEquals(in, log.readAll());
        }
    }

    @Test
    void aRecordOutOfSequenceIsRefusedAndNotKept() {
        List<AuditRecord> in = history(3);
        try (AuditLog log = open(dir)) {
            log.append(in.get(0));
            assertThrows(IllegalArgumentException.class, () -> log.append(in.get(2)));
            assertThrows(IllegalArgumentException.class, () -> log.append(in.get(0)));
            assertEquals(List.of(in.get(0)), log.readAll());
        }
        try (AuditLog log = open(dir)) {
            assertEquals(List.of(in.get(0)), log.readAll());
        }
    }
}
