package dev.flywheel.log.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogAppender;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link EventLog} adapter must do beyond appending ({@link LogAppenderContract}): one
 * total order, read back from any position, followed live, continued after reopening. Subclasses
 * say how to open one on a directory.
 */
public abstract class EventLogContract extends LogAppenderContract {
    @TempDir
    protected Path dir;

    protected abstract EventLog open(Path dir);

    @Override
    protected LogAppender openAppender() {
        return open(dir);
    }

    @Override
    protected List<LogEntry> appendedBy(LogAppender appender, int expected) {
        return readAll((EventLog) appender, 0);
    }

    protected static List<LogEntry> readAll(EventLog log, long from) {
        List<LogEntry> out = new ArrayList<>();
        try (LogReader r = log.reader(from)) {
            while (r.poll(1_000, out::add) > 0) {
                // drain
            }
        }
        return out;
    }

    @Test
    void readsBackWhatWasAppendedInOrderFromAnyPosition() {
        try (EventLog log = open(dir)) {
            List<LogEntry> in = Entries.mixed(0, 500);
            log.append(in.subList(0, 200));
            log.append(in.subList(200, 500));
            assertEquals(500, log.nextSeq());
            assertEquals(in, readAll(log, 0));
            assertEquals(in.subList(321, 500), readAll(log, 321));
            assertEquals(List.of(), readAll(log, 500));
        }
    }

    @Test
    void continuesAfterReopening() {
        try (EventLog log = open(dir)) {
            log.append(Entries.mixed(0, 50));
        }
        try (EventLog log = open(dir)) {
            assertEquals(50, log.nextSeq());
            log.append(Entries.mixed(50, 10));
            assertEquals(Entries.mixed(0, 60), readAll(log, 0));
        }
    }

    @Test
    void aReaderFollowsLiveAppends() {
        try (EventLog log = open(dir); LogReader r = log.reader(0)) {
            List<LogEntry> seen = new ArrayList<>();
            assertEquals(0, r.poll(10, seen::add));
            log.append(Entries.mixed(0, 5));
            assertEquals(5, r.poll(10, seen::add));
            log.append(Entries.mixed(5, 5));
            assertEquals(3, r.poll(3, seen::add));
            assertEquals(2, r.poll(10, seen::add));
            assertEquals(Entries.mixed(0, 10), seen);
        }
    }
}
