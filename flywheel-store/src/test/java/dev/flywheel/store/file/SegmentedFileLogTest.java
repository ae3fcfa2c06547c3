package dev.flywheel.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.log.EventLog;
import dev.flywheel.log.contract.Entries;
import dev.flywheel.log.contract.EventLogContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SegmentedFileLogTest extends EventLogContract {

    @Override
    protected EventLog open(Path dir) {
        return new SegmentedFileLog(dir, true, 1L << 20);
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
    }

    @Test
    void aTornLastWriteIsCutOnOpen() throws IOException {
        try (EventLog log = open(dir)) {
            log.append(Entries.mixed(0, 20));
        }
        Path seg = onlySegment();
        long intact = Files.size(seg);
        // a crash mid-write: half a frame header and some body bytes
        Files.write(seg, new byte[] {0, 0, 1, 0, 5, 5, 5, 5, 9, 9, 9}, StandardOpenOption.APPEND);
        try (EventLog log = open(dir)) {
            assertEquals(20, log.nextSeq());
            assertEquals(intact, Files.size(seg));
            log.append(Entries.mixed(20, 5));
            assertEquals(Entries.mixed(0, 25), readAll(log, 0));
        }
    }

    @Test
    void aFrameWithABadChecksumEndsTheIntactPrefix() throws IOException {
        try (EventLog log = open(dir)) {
            log.append(Entries.mixed(0, 10));
            log.append(Entries.mixed(10, 1));
        }
        Path seg = onlySegment();
        byte[] b = Files.readAllBytes(seg);
        b[b.length - 3] ^= 0x5a; // flip bits inside the last entry
        Files.write(seg, b);
        try (EventLog log = open(dir)) {
            assertEquals(10, log.nextSeq());
            assertEquals(Entries.mixed(0, 10), readAll(log, 0));
        }
    }

    @Test
    void rollsSegmentsAndReadsAcrossThem() throws IOException {
        try (EventLog log = new SegmentedFileLog(dir, false, 1L << 20)) {
            for (int i = 0; i < 40; i++) log.append(Entries.mixed(i * 500L, 500));
            assertEquals(Entries.mixed(0, 20_000), readAll(log, 0));
            assertEquals(Entries.mixed(12_345, 20_000 - 12_345), readAll(log, 12_345));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.filter(p -> p.toString().endsWith(".seg")).count() > 2, "expected several segments");
        }
        try (EventLog log = new SegmentedFileLog(dir, false, 1L << 20)) {
            assertEquals(20_000, log.nextSeq());
        }
    }
}
