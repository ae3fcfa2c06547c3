package dev.flywheel.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.rollout.AuditLog;
import dev.flywheel.rollout.AuditRecord;
import dev.flywheel.rollout.contract.AuditLogContract;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileAuditLogTest extends AuditLogContract {
    @Override
    protected AuditLog open(Path dir) {
        return new FileAuditLog(dir.resolve("audit.log"));
    }

    @Test
    void aTornLastRecordIsCutOnOpenAndTheNextAppendTakesItsPlace() throws Exception {
        List<AuditRecord> in = history(4);
        try (AuditLog log = open(dir)) {
            in.subList(0, 4).forEach(log::append);
        }
        Path file = dir.resolve("audit.log");
        long full = Files.size(file);
        for (long cut = full - 1; cut > full - 30; cut -= 7) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(cut);
            }
            try (AuditLog log = open(dir)) {
                assertEquals(in.subList(0, 3), log.readAll(), "cut at " + cut);
                log.append(in.get(3));
            }
            try (AuditLog log = open(dir)) {
                assertEquals(in, log.readAll());
            }
            assertEquals(full, Files.size(file));
        }
    }

    @Test
    void aCorruptRecordEndsTheLogThere() throws Exception {
        List<AuditRecord> in = history(3);
        try (AuditLog log = open(dir)) {
            in.forEach(log::append);
        }
        Path file = dir.resolve("audit.log");
        byte[] b = Files.readAllBytes(file);
        b[b.length - 3] ^= 0x5a;
        Files.write(file, b);
        try (AuditLog log = open(dir)) {
            assertEquals(in.subList(0, 2), log.readAll());
        }
    }
}
