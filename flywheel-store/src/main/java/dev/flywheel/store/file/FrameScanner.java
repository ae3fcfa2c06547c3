package dev.flywheel.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Walks the frames of one segment file from a position, reading in large chunks. Used both by
 * recovery (to find where the intact prefix ends) and by readers following the log.
 */
final class FrameScanner {
    private final FileChannel channel;
    private byte[] buf = new byte[1 << 20];
    private int start;          // first unread byte in buf
    private int end;            // end of valid bytes in buf
    private long filePos;       // file position of buf[end]

    FrameScanner(FileChannel channel, long position) {
        this.channel = channel;
        this.filePos = position;
    }

    /** File position of the next frame to return. */
    long position() {
        return filePos - (end - start);
    }

    byte[] buffer() {
        return buf;
    }

    /**
     * Finds the next intact frame that ends at or before {@code limit} (a file position) and returns
     * its offset in {@link #buffer()}, advancing past it; -1 when no intact frame follows.
     */
    int next(long limit) {
        if (!available(Frames.HEADER, limit)) return -1;
        int len = Frames.readInt(buf, start);
        if (len < 17 || len > Frames.MAX_BODY) return -1;
        if (!available(Frames.HEADER + len, limit)) return -1;
        if (!Frames.intact(buf, start, end)) return -1;
        int at = start;
        start += Frames.HEADER + len;
        return at;
    }

    private boolean available(int n, long limit) {
        if (end - start >= n) return true;
        long wanted = position() + n;
        if (wanted > limit) return false;
        fill(limit, n);
        return end - start >= n;
    }

    private void fill(long limit, int need) {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (need > buf.length) buf = Arrays.copyOf(buf, Integer.highestOneBit(need) << 1);
        try {
            while (end < need) {
                int room = (int) Math.min(buf.length - end, limit - filePos);
                if (room <= 0) return;
                int n = channel.read(ByteBuffer.wrap(buf, end, room), filePos);
                if (n <= 0) return;
                end += n;
                filePos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
