package dev.flywheel.store.file;

import dev.flywheel.log.LogException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a closed segment's entries in their stored form, checking that it holds exactly its seqs. */
final class SegmentBodies {
    /** Where the received millis sit in a body: after the kind byte and the seq. */
    private static final int RECEIVED_AT = 9;

    private SegmentBodies() { }

    static void read(Path file, ClosedSegment s, EntryBodies sink) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            FrameScanner scan = new FrameScanner(ch, 0);
            long expected = s.baseSeq();
            int at;
            while ((at = scan.next(s.bytes())) >= 0) {
                byte[] b = scan.buffer();
                long seq = Frames.seqOf(b, at);
                if (seq != expected) throw new LogException("segment " + file + " holds seq " + seq + " where " + expected + " belongs");
                int len = Frames.readInt(b, at);
                sink.accept(seq, Frames.readLong(b, at + Frames.HEADER + RECEIVED_AT), b, at + Frames.HEADER, len);
                expected++;
            }
            if (scan.position() != s.bytes() || expected != s.endSeq()) {
                throw new LogException("segment " + file + " is not intact: its frames end at byte " + scan.position() + " of "
                        + s.bytes() + " and seq " + expected + " of " + s.endSeq());
            }
        } catch (IOException | UncheckedIOException e) {
            throw new LogException("cannot read log segment " + file + ": " + e.getMessage(), e);
        }
    }
}
