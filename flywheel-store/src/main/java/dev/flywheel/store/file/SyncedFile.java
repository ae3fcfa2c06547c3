package dev.flywheel.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A file replaced whole: written under a temporary name through a buffer, its CRC-32C last, synced,
 * renamed over the target and the directory synced, so a crash leaves the old file or the new one
 * whole; and read back with the checksum checked. Large contents stream through one buffer: nothing
 * is built in memory first.
 */
final class SyncedFile {
    private static final int BUFFER = 1 << 20;

    private SyncedFile() { }

    /** What is written between opening the temporary file and its checksum. */
    interface Body {
        void write(Out out) throws IOException;
    }

    /** Big-endian primitives into the file, through the checksum. */
    static final class Out {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        private final CRC32C crc = new CRC32C();

        private Out(FileChannel ch) {
            this.ch = ch;
        }

        Out putInt(int v) throws IOException {
            room(4);
            buf.putInt(v);
            return this;
        }

        Out putLong(long v) throws IOException {
            room(8);
            buf.putLong(v);
            return this;
        }

        Out put(byte b) throws IOException {
            room(1);
            buf.put(b);
            return this;
        }

        /** A nullable string as the log writes one: its UTF-8 length (-1 for null), then the bytes. */
        Out putString(String s) throws IOException {
            if (s == null) return putInt(-1);
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            putInt(b.length);
            return put(b, 0, b.length);
        }

        /** The bytes from {@code src}'s position to its limit. */
        Out put(ByteBuffer src) throws IOException {
            ByteBuffer b = src.duplicate();
            while (b.hasRemaining()) {
                room(1);
                int n = Math.min(b.remaining(), buf.remaining());
                buf.put(b.slice(b.position(), n));
                b.position(b.position() + n);
            }
            return this;
        }

        Out putLongs(long[] values) throws IOException {
            for (int i = 0; i < values.length; ) {
                room(8);
                int n = Math.min(values.length - i, buf.remaining() / 8);
                buf.asLongBuffer().put(values, i, n);
                buf.position(buf.position() + n * 8);
                i += n;
            }
            return this;
        }

        Out put(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                room(1);
                int n = Math.min(len, buf.remaining());
                buf.put(b, off, n);
                off += n;
                len -= n;
            }
            return this;
        }

        private void room(int n) throws IOException {
            if (buf.remaining() < n) drain();
        }

        private void drain() throws IOException {
            buf.flip();
            crc.update(buf.duplicate());
            while (buf.hasRemaining()) ch.write(buf);
            buf.clear();
        }

        private void finish() throws IOException {
            drain();
            buf.putInt((int) crc.getValue()).flip();
            while (buf.hasRemaining()) ch.write(buf);
        }
    }

    static void replace(Path target, Body body) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            Out out = new Out(ch);
            body.write(out);
            out.finish();
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.getParent());
    }

    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a directory; the rename is then as durable as they make it
        }
    }

    /**
     * Reads a file {@link #replace} wrote, from its start, through one buffer: large parts go straight
     * into the arrays that keep them ({@link #readFully}), so a file is read once and copied nowhere.
     * {@link #finish} then tells whether the checksum matches what was read, which must be everything.
     */
    static final class In implements AutoCloseable {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        private final CRC32C crc = new CRC32C();
        /** Where the checksum starts: the data's end. */
        private final long end;
        /** The file position of the buffer's end. */
        private long filled;

        In(Path file) throws IOException {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            end = ch.size() - 4;
            buf.limit(0);
            if (end < 0) {
                ch.close();
                throw new IllegalStateException("file too short for a checksum");
            }
        }

        int getInt() throws IOException {
            need(4);
            return buf.getInt();
        }

        long getLong() throws IOException {
            need(8);
            return buf.getLong();
        }

        int get() throws IOException {
            need(1);
            return buf.get();
        }

        String getString() throws IOException {
            int n = getInt();
            if (n == -1) return null;
            if (n < 0 || n > BUFFER) throw new IllegalStateException("string length " + n);
            need(n);
            String s = new String(buf.array(), buf.position(), n, java.nio.charset.StandardCharsets.UTF_8);
            buf.position(buf.position() + n);
            return s;
        }

        /** The next {@code count} longs, into {@code dst}, through the buffer. */
        void getLongs(long[] dst, int count) throws IOException {
            for (int at = 0; at < count; ) {
                need(8);
                int n = Math.min(count - at, buf.remaining() / 8);
                buf.asLongBuffer().get(dst, at, n);
                buf.position(buf.position() + n * 8);
                at += n;
            }
        }

        /** The next {@code dst.length} bytes, into {@code dst}. */
        void readFully(byte[] dst) throws IOException {
            int off = Math.min(buf.remaining(), dst.length);
            buf.get(dst, 0, off);
            if (off == dst.length) return;
            if (filled + dst.length - off > end) throw new IllegalStateException("truncated");
            // a buffer's worth at a time: a read into a heap array goes through a temporary direct
            // buffer as large as the read, which for a state of hundreds of MB was a second copy
            for (int at = off; at < dst.length; ) {
                ByteBuffer into = ByteBuffer.wrap(dst, at, Math.min(BUFFER, dst.length - at));
                while (into.hasRemaining()) {
                    int n = ch.read(into, filled);
                    if (n < 0) throw new IllegalStateException("truncated");
                    filled += n;
                }
                at = into.position();
            }
            crc.update(dst, off, dst.length - off);
        }

        /** The file position of the next byte to read. */
        long position() {
            return filled - buf.remaining();
        }

        /** Passes over the next {@code n} bytes, through the checksum. */
        void skip(long n) throws IOException {
            if (n > left()) throw new IllegalStateException("truncated");
            while (n > 0) {
                need(1);
                int k = (int) Math.min(n, buf.remaining());
                buf.position(buf.position() + k);
                n -= k;
            }
        }

        /**
         * {@code length} bytes of the file from {@code offset}, mapped read-only: the file is only ever
         * replaced by a rename, so once its checksum has been read this is what was checked.
         */
        ByteBuffer map(long offset, int length) throws IOException {
            return ch.map(FileChannel.MapMode.READ_ONLY, offset, length);
        }

        /** Bytes before the checksum not read yet. */
        long left() {
            return end - filled + buf.remaining();
        }

        /** Whether everything before the checksum was read and matches it. */
        boolean finish() throws IOException {
            if (buf.hasRemaining() || filled != end) return false;
            ByteBuffer sum = ByteBuffer.allocate(4);
            while (sum.hasRemaining()) {
                if (ch.read(sum, end + sum.position()) < 0) return false;
            }
            return (int) crc.getValue() == sum.getInt(0);
        }

        private void need(int n) throws IOException {
            if (buf.remaining() >= n) return;
            buf.compact();
            long want = Math.min(buf.remaining(), end - filled);
            if (want < n - buf.position()) throw new IllegalStateException("truncated");
            int start = buf.position();
            buf.limit(start + (int) want);
            while (buf.hasRemaining()) {
                int r = ch.read(buf, filled);
                if (r < 0) throw new IllegalStateException("truncated");
                filled += r;
            }
            crc.update(buf.array(), start, buf.position() - start);
            buf.flip();
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
