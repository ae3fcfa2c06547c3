package dev.flywheel.store.file;

import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogException;
import dev.flywheel.log.LogReader;
import dev.flywheel.log.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The embedded event log: CRC-framed entries appended to segment files in one directory, synced
 * before {@link #append} returns. A dedicated file rather than the DuckDB store, because a DuckDB
 * commit costs milliseconds and its checkpoints stall for a hundred or more, while an appended,
 * synced file costs a tenth of a millisecond per group here (docs/performance.md).
 *
 * <p>Recovery: the last segment is scanned on open and cut after its last intact frame, so a write
 * torn by a crash disappears whole; that write was never acknowledged.
 */
public final class SegmentedFileLog implements EventLog {
    private final Path dir;
    private final boolean fsync;
    private final long segmentBytes;
    private final SegmentArchive archive;
    final CopyOnWriteArrayList<Segment> segments = new CopyOnWriteArrayList<>();
    private final Bytes buffer = new Bytes(1 << 20);
    private FileChannel active;
    private volatile long nextSeq;

    public SegmentedFileLog(Path dir, boolean fsync, long segmentBytes) {
        this(dir, fsync, segmentBytes, null);
    }

    /**
     * @param archive where deleted segments went (see {@link #delete}), read back by readers from
     *                before the first remaining segment; null when segments are never deleted
     */
    public SegmentedFileLog(Path dir, boolean fsync, long segmentBytes, SegmentArchive archive) {
        this.dir = dir;
        this.fsync = fsync;
        this.segmentBytes = segmentBytes;
        this.archive = archive;
        try {
            Files.createDirectories(dir);
            open();
        } catch (IOException e) {
            throw new LogException("cannot open the event log in " + dir, e);
        }
    }

    private void open() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
        for (Path p : files) {
            long base = Long.parseLong(p.getFileName().toString().replace(".seg", ""));
            Segment seg = new Segment(base, p, Files.size(p));
            seg.sealed = true;
            segments.add(seg);
        }
        if (segments.isEmpty()) {
            // every segment but the one appended to may be archived, never that one; a log directory
            // emptied by hand still continues after what the archive holds rather than reuse its seqs
            nextSeq = archive == null ? 0 : archive.endSeq();
            roll(nextSeq);
            return;
        }
        Segment last = segments.get(segments.size() - 1);
        last.sealed = false;
        active = FileChannel.open(last.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        recover(last);
    }

    /** Cuts the active segment after its last intact frame and finds the next seq. */
    private void recover(Segment last) throws IOException {
        FrameScanner scan = new FrameScanner(active, 0);
        long seq = last.baseSeq;
        int at;
        while ((at = scan.next(Long.MAX_VALUE)) >= 0) {
            seq = Frames.seqOf(scan.buffer(), at) + 1;
        }
        long intact = scan.position();
        if (intact < active.size()) {
            active.truncate(intact);
            active.force(true);
        }
        last.committedEnd = intact;
        nextSeq = seq;
    }

    private void roll(long base) throws IOException {
        if (active != null) {
            active.force(true);
            active.close();
            segments.get(segments.size() - 1).sealed = true;
        }
        Path p = dir.resolve(Segment.fileName(base));
        active = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        segments.add(new Segment(base, p, 0));
        syncDirectory();
    }

    private void syncDirectory() {
        if (!fsync) return;
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be opened; the segment data is synced anyway
        }
    }

    @Override
    public synchronized void append(List<LogEntry> entries) {
        if (entries.isEmpty()) return;
        long expected = nextSeq;
        buffer.reset();
        for (LogEntry e : entries) {
            if (e.seq() != expected++) {
                throw new LogException("entry seq " + e.seq() + " does not continue the log at " + (expected - 1));
            }
            Frames.append(e, buffer);
        }
        Segment seg = segments.get(segments.size() - 1);
        long start = seg.committedEnd;
        try {
            if (start > 0 && start + buffer.length() > segmentBytes) {
                roll(nextSeq);
                seg = segments.get(segments.size() - 1);
                start = 0;
            }
            write(start);
            if (fsync) active.force(false);
        } catch (IOException e) {
            undo(start);
            throw new LogException("cannot append to the event log: " + e.getMessage(), e);
        }
        seg.committedEnd = start + buffer.length();
        nextSeq = expected;
    }

    private void write(long start) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buffer.array(), 0, buffer.length());
        long pos = start;
        while (b.hasRemaining()) pos += active.write(b, pos);
    }

    private void undo(long start) {
        try {
            active.truncate(start);
        } catch (IOException ignored) {
            // recovery on the next open cuts a partial frame anyway
        }
    }

    @Override
    public long nextSeq() {
        return nextSeq;
    }

    @Override
    public LogReader reader(long fromSeq) {
        return new SegmentReader(this, fromSeq);
    }

    List<Segment> segments() {
        return new ArrayList<>(segments);
    }

    /** Where deleted segments went; null when none are ever deleted. */
    SegmentArchive archive() {
        return archive;
    }

    /** The segments no longer appended to (every one but the last), oldest first. */
    public List<ClosedSegment> closedSegments() {
        List<Segment> all = segments();
        List<ClosedSegment> out = new ArrayList<>();
        for (int i = 0; i + 1 < all.size(); i++) {
            Segment s = all.get(i);
            out.add(new ClosedSegment(s.baseSeq, all.get(i + 1).baseSeq, s.committedEnd));
        }
        return out;
    }

    /**
     * Hands every entry of a closed segment to {@code sink} in its stored form.
     *
     * @throws LogException when the file does not hold exactly the segment's seqs, intact
     */
    public void read(ClosedSegment s, EntryBodies sink) {
        SegmentBodies.read(dir.resolve(Segment.fileName(s.baseSeq())), s, sink);
    }

    /**
     * Deletes a closed segment whose entries are archived: readers then find them in the archive.
     * A reader already inside the file reads on (the open file outlives its name).
     */
    public synchronized void delete(ClosedSegment s) {
        if (archive == null) throw new IllegalStateException("this log has no archive to delete segments into");
        Segment seg = null;
        for (Segment x : segments) if (x.baseSeq == s.baseSeq()) seg = x;
        if (seg == null) return;
        if (seg == segments.get(segments.size() - 1)) throw new IllegalArgumentException("the segment appended to is not closed");
        try {
            // the file first: a reader that still lists the segment and cannot open it reads the archive
            Files.deleteIfExists(seg.path);
        } catch (IOException e) {
            throw new LogException("cannot delete log segment " + seg.path + ": " + e.getMessage(), e);
        }
        segments.remove(seg);
        syncDirectory();
    }

    @Override
    public synchronized void close() {
        try {
            if (active != null && active.isOpen()) {
                if (fsync) active.force(true);
                active.close();
            }
        } catch (IOException e) {
            throw new LogException("cannot close the event log", e);
        }
    }
}
