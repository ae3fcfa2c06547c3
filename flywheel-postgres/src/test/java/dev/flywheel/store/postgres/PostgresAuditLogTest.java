package dev.flywheel.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.rollout.AuditLog;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.Records;
import dev.flywheel.rollout.contract.AuditLogContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresAuditLogTest extends AuditLogContract {
    private final Reopening db = new Reopening();

    @Override
    protected AuditLog open(Path dir) {
        return new PostgresAuditLog(db.open());
    }

    @Test
    void anotherProcessWritingTheSameSeqIsRefusedAndBothReadTheOneKept() {
        List<AuditRecord> in = history(2);
        AuditLog first = open(dir);
        try (PostgresDatabase second = PostgresDatabase.open(LocalPostgres.shared().settings(db.current().schema()).withPoolSize(4))) {
            AuditLog other = new PostgresAuditLog(second);
            first.append(in.get(0));
            AuditRecord rival = Records.register(1, "loop-9", "v9", in.get(0).at());
            assertThrows(IllegalArgumentException.class, () -> other.append(rival), "its seq 1 is taken");
            other.append(in.get(1));
            assertEquals(in, first.readAll());
            assertEquals(in, other.readAll());
        }
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
