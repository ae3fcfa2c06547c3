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
     * The file's contents without its checksum, read into one buffer, or null when the checksum does
     * not match (a torn or corrupt file).
     */
    static ByteBuffer readChecked(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 4 || size > Integer.MAX_VALUE) return null;
            ByteBuffer all = ByteBuffer.allocate((int) size);
            while (all.hasRemaining() && ch.read(all) >= 0) {
                // until the buffer is full or the file ends
            }
            if (all.hasRemaining()) return null;
            all.flip();
            CRC32C crc = new CRC32C();
            crc.update(all.duplicate().limit((int) size - 4));
            if ((int) crc.getValue() != all.getInt((int) size - 4)) return null;
            return all.limit((int) size - 4);
        }
    }
}
