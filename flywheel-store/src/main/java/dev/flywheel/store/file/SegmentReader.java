package dev.flywheel.store.file;

import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogException;
import dev.flywheel.log.LogReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Follows a {@link SegmentedFileLog} across segments, never past what the writer committed. Entries
 * before the first remaining segment are read back from the log's archive, then the segments follow;
 * a segment deleted under the reader (archived meanwhile) is found in the archive the same way.
 */
final class SegmentReader implements LogReader {
    private final SegmentedFileLog log;
    /** The seq of the next entry to hand out. */
    private long next;
    private Segment segment;
    private FileChannel channel;
    private FrameScanner scanner;
    private LogReader archived;
    /** Where the archived part being read ends: the first segment's seq when it was opened. */
    private long archivedEnd;
    /** Whether the open segment was sealed and read to its end at the last look. */
    private boolean atEnd;

    SegmentReader(SegmentedFileLog log, long fromSeq) {
        this.log = log;
        this.next = Math.max(0, fromSeq);
    }

    @Override
    public int poll(int max, Consumer<LogEntry> sink) {
        int n = 0;
        while (n < max) {
            if (archived != null) {
                int k = archived.poll(max - n, e -> {
                    sink.accept(e);
                    next = e.seq() + 1;
                });
                n += k;
                if (k == 0) endArchived();
                continue;
            }
            if (segment == null) {
                if (!position()) return n;
                continue;
            }
            int k = pollSegment(max - n, sink);
            n += k;
            if (k == 0 && segment != null && !advance()) return n;
        }
        return n;
    }

    /** Reads from the open segment until its committed end; 0 when there is nothing more in it now. */
    private int pollSegment(int max, Consumer<LogEntry> sink) {
        int n = 0;
        while (n < max) {
            boolean sealed = segment.sealed;        // read before the limit: a sealed segment's end is final
            long limit = segment.committedEnd;
            int at = scanner.next(limit);
            if (at < 0) {
                if (scanner.position() < limit) {
                    throw new LogException("corrupt frame in " + segment.path + " at byte " + scanner.position());
                }
                atEnd = sealed;
                return n;
            }
            byte[] b = scanner.buffer();
            long seq = Frames.seqOf(b, at);
            if (seq < next) continue;
            sink.accept(LogCodec.decode(b, at + Frames.HEADER, Frames.readInt(b, at)));
            next = seq + 1;
            n++;
        }
        return n;
    }

    /** Opens the source of {@link #next}: the archive before the first segment, else the segment holding it. */
    private boolean position() {
        List<Segment> segs = log.segments();
        if (segs.isEmpty()) return false;
        Segment first = segs.get(0);
        if (next < first.baseSeq && log.archive() != null) {
            archived = log.archive().reader(next, first.baseSeq);
            archivedEnd = first.baseSeq;
            return true;
        }
        Segment at = first;
        for (Segment s : segs) if (s.baseSeq <= next) at = s;
        open(at);
        return true;
    }

    private void endArchived() {
        archived.close();
        archived = null;
        if (next < archivedEnd) {
            throw new LogException("the log archive ends at seq " + next + " but the log's segments start at " + archivedEnd);
        }
    }

    /** Moves to the segment after the open one once that one is sealed and read; false when there is none yet. */
    private boolean advance() {
        if (!atEnd) return false;
        Segment following = null;
        for (Segment s : log.segments()) {
            if (s.baseSeq > segment.baseSeq) {
                following = s;
                break;
            }
        }
        if (following == null) return false;
        closeChannel();
        segment = null;
        open(following);
        return true;
    }

    /**
     * Opens {@code s}. A segment gone meanwhile was archived before it was deleted, so its entries
     * are read from the archive up to the segment after it (the one appended to is never deleted).
     */
    private void open(Segment s) {
        atEnd = false;
        try {
            channel = FileChannel.open(s.path, StandardOpenOption.READ);
            scanner = new FrameScanner(channel, 0);
            segment = s;
        } catch (NoSuchFileException gone) {
            if (log.archive() == null) throw new LogException("log segment " + s.path + " is gone and the log has no archive");
            long end = Long.MAX_VALUE;
            for (Segment x : log.segments()) if (x.baseSeq > s.baseSeq) end = Math.min(end, x.baseSeq);
            archived = log.archive().reader(next, end);
            archivedEnd = end;
        } catch (IOException e) {
            throw new LogException("cannot read log segment " + s.path, e);
        }
    }

    private void closeChannel() {
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // read-only channel: nothing to lose
        }
        channel = null;
    }

    @Override
    public void close() {
        closeChannel();
        if (archived != null) archived.close();
    }
}
