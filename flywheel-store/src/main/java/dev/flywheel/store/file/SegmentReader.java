package dev.flywheel.store.file;

import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import dev.flywheel.log.LogException;
import dev.flywheel.log.LogReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/** Follows a {@link SegmentedFileLog} across segments, never past what the writer committed. */
final class SegmentReader implements LogReader {
    private final SegmentedFileLog log;
    private final long fromSeq;
    private int segmentIndex = -1;
    private Segment segment;
    private FileChannel channel;
    private FrameScanner scanner;

    SegmentReader(SegmentedFileLog log, long fromSeq) {
        this.log = log;
        this.fromSeq = fromSeq;
        List<Segment> segs = log.segments();
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i).baseSeq <= fromSeq) segmentIndex = i;
        }
        if (segmentIndex < 0) segmentIndex = 0;
        openSegment(segs.get(segmentIndex));
    }

    @Override
    public int poll(int max, Consumer<LogEntry> sink) {
        int n = 0;
        while (n < max) {
            boolean sealed = segment.sealed;        // read before the limit: a sealed segment's end is final
            long limit = segment.committedEnd;
            int at = scanner.next(limit);
            if (at < 0) {
                if (scanner.position() < limit) {
                    throw new LogException("corrupt frame in " + segment.path + " at byte " + scanner.position());
                }
                if (!sealed || !advance()) return n;
                continue;
            }
            byte[] b = scanner.buffer();
            if (Frames.seqOf(b, at) < fromSeq) continue;
            int len = Frames.readInt(b, at);
            sink.accept(LogCodec.decode(b, at + Frames.HEADER, len));
            n++;
        }
        return n;
    }

    private boolean advance() {
        List<Segment> segs = log.segments();
        if (segmentIndex + 1 >= segs.size()) return false;
        segmentIndex++;
        closeChannel();
        openSegment(segs.get(segmentIndex));
        return true;
    }

    private void openSegment(Segment s) {
        try {
            segment = s;
            channel = FileChannel.open(s.path, StandardOpenOption.READ);
            scanner = new FrameScanner(channel, 0);
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
    }

    @Override
    public void close() {
        closeChannel();
    }
}
