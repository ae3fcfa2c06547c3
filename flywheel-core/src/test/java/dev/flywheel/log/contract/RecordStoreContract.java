package dev.flywheel.log.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.event.LoggedRecord;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.RecordStore;
import dev.flywheel.log.StoredCounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link RecordStore} adapter must do. */
public abstract class RecordStoreContract {
    @TempDir
    protected Path dir;

    protected abstract RecordStore open(Path dir);

    private static StoredCounts countsOf(List<LogEntry> entries) {
        long e = entries.stream().filter(x -> x instanceof LogEntry.EventEntry).count();
        long d = entries.stream().filter(x -> x instanceof LogEntry.DecisionEntry).count();
        long q = entries.stream().filter(x -> x instanceof LogEntry.QuarantineEntry).count();
        return new StoredCounts(e, d, q);
    }

    @Test
    void applyingIsIdempotentBySeq() {
        List<LogEntry> in = Entries.mixed(0, 300);
        try (RecordStore s = open(dir)) {
            assertEquals(-1, s.appliedSeq());
            s.apply(in.subList(0, 200));
            s.apply(in.subList(100, 300)); // overlaps: 100..199 must not be stored twice
            assertEquals(299, s.appliedSeq());
            assertEquals(countsOf(in), s.counts());
        }
    }

    @Test
    void keepsAppliedSeqAndRowsAcrossReopening() {
        List<LogEntry> in = Entries.mixed(0, 120);
        try (RecordStore s = open(dir)) {
            s.apply(in);
        }
        try (RecordStore s = open(dir)) {
            assertEquals(119, s.appliedSeq());
            assertEquals(countsOf(in), s.counts());
        }
    }

    @Test
    void listsQuarantineNewestFirstInPages() {
        List<LogEntry> in = Entries.mixed(0, 200);
        List<LogEntry.QuarantineEntry> expected = new ArrayList<>();
        for (LogEntry e : in) if (e instanceof LogEntry.QuarantineEntry q) expected.add(0, q);
        try (RecordStore s = open(dir)) {
            s.apply(in);
            assertEquals(expected.subList(0, 5), s.quarantine(0, 5));
            assertEquals(expected.subList(5, 10), s.quarantine(5, 5));
            assertEquals(List.of(), s.quarantine(expected.size(), 5));
        }
    }

    @Test
    void handsOutEveryStoredIdOfAKind() {
        List<LogEntry> in = Entries.mixed(0, 100);
        List<String> events = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        for (LogEntry e : in) {
            if (e instanceof LogEntry.EventEntry x) events.add(x.event().id());
            if (e instanceof LogEntry.DecisionEntry x) decisions.add(x.decision().id());
        }
        try (RecordStore s = open(dir)) {
            s.apply(in);
            List<String> gotE = new ArrayList<>();
            List<String> gotD = new ArrayList<>();
            s.forEachId(LoggedRecord.Kind.EVENT, gotE::add);
            s.forEachId(LoggedRecord.Kind.DECISION, gotD::add);
            assertEquals(events.stream().sorted().toList(), gotE.stream().sorted().toList());
            assertEquals(decisions.stream().sorted().toList(), gotD.stream().sorted().toList());
        }
    }
}
