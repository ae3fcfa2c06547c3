package dev.flywheel.log.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flywheel.log.LogAppender;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LogAppender} adapter must do: what it acknowledged reads back equal, every
 * entry, with each user's entries (and each item's versions) in the order they were appended.
 * Subclasses say how to open one on empty storage and how to read back what it appended.
 */
public abstract class LogAppenderContract {

    /** A fresh appender over empty storage. */
    protected abstract LogAppender openAppender();

    /**
     * What {@code appender} made durable, as a reader of its storage sees it (any interleaving of
     * keys), once {@code expected} entries are there; fails when they never are.
     */
    protected abstract List<LogEntry> appendedBy(LogAppender appender, int expected);

    /** The key whose entries keep their order: the user of events and decisions, the id of items; none for the quarantine. */
    protected static String orderKey(LogEntry e) {
        if (e instanceof LogEntry.EventEntry x) return "user:" + x.event().user();
        if (e instanceof LogEntry.DecisionEntry x) return "user:" + x.decision().user();
        if (e instanceof LogEntry.ItemEntry x) return "item:" + x.item().id();
        return null;
    }

    private static Map<String, List<LogEntry>> byKey(List<LogEntry> entries) {
        Map<String, List<LogEntry>> out = new LinkedHashMap<>();
        for (LogEntry e : entries) {
            String k = orderKey(e);
            if (k != null) out.computeIfAbsent(k, x -> new ArrayList<>()).add(e);
        }
        return out;
    }

    @Test
    void everyAppendedEntryReadsBackEqualWithEachUsersEntriesInOrder() {
        List<LogEntry> in = Entries.mixed(0, 500);
        try (LogAppender log = openAppender()) {
            log.append(in.subList(0, 200));
            log.append(in.subList(200, 500));
            assertEquals(500, log.nextSeq());
            List<LogEntry> back = appendedBy(log, in.size());
            List<LogEntry> sorted = new ArrayList<>(back);
            sorted.sort(Comparator.comparingLong(LogEntry::seq));
            assertEquals(in, sorted);
            assertEquals(byKey(in), byKey(back));
        }
    }

    @Test
    void refusesEntriesThatDoNotContinueItsSeqs() {
        try (LogAppender log = openAppender()) {
            log.append(Entries.mixed(0, 3));
            assertThrows(LogException.class, () -> log.append(Entries.mixed(4, 2)));
            assertThrows(LogException.class, () -> log.append(Entries.mixed(2, 2)));
            assertEquals(3, log.nextSeq());
            log.append(Entries.mixed(3, 2));
            List<LogEntry> back = new ArrayList<>(appendedBy(log, 5));
            back.sort(Comparator.comparingLong(LogEntry::seq));
            assertEquals(Entries.mixed(0, 5), back);
        }
    }
}
