package dev.flywheel.store.file;

import dev.flywheel.log.Bytes;
import dev.flywheel.log.LogException;
import dev.flywheel.rollout.AuditCodec;
import dev.flywheel.rollout.AuditLog;
import dev.flywheel.rollout.AuditRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The audit log as one append-only file of frames (body length, CRC-32C, body), each frame one
 * {@link AuditCodec} record, synced before {@link #append} returns. On open, a torn or corrupt tail
 * (a crash in the middle of an append) is cut: that change was never acknowledged.
 */
public final class FileAuditLog implements AuditLog {
    private static final int HEADER = 8;
    private final Path file;
    private final FileChannel channel;
    private final List<AuditRecord> records = new ArrayList<>();

    public FileAuditLog(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long good = scan(Files.readAllBytes(file));
            if (good < channel.size()) {
                channel.truncate(good);
                channel.force(true);
            }
            channel.position(good);
        } catch (IOException e) {
            throw new LogException("cannot open the audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the intact frames; returns where they end. */
    private long scan(byte[] b) {
        int p = 0;
        while (b.length - p >= HEADER) {
            int len = Frames.readInt(b, p);
            if (len <= 0 || len > Frames.MAX_BODY || b.length - p - HEADER < len) break;
            CRC32C crc = new CRC32C();
            crc.update(b, p + HEADER, len);
            if ((int) crc.getValue() != Frames.readInt(b, p + 4)) break;
            records.add(AuditCodec.decode(b, p + HEADER, len));
            p += HEADER + len;
        }
        return p;
    }

    @Override
    public synchronized List<AuditRecord> readAll() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void append(AuditRecord record) {
        long last = records.isEmpty() ? 0 : records.get(records.size() - 1).seq();
        if (record.seq() != last + 1) throw new IllegalArgumentException("audit seq must be " + (last + 1) + ", got " + record.seq());
        Bytes out = new Bytes(512);
        out.putInt(0);
        out.putInt(0);
        AuditCodec.encode(record, out);
        int len = out.length() - HEADER;
        CRC32C crc = new CRC32C();
        crc.update(out.array(), HEADER, len);
        out.putIntAt(0, len);
        out.putIntAt(4, (int) crc.getValue());
        try {
            ByteBuffer buf = ByteBuffer.wrap(out.array(), 0, out.length());
            while (buf.hasRemaining()) channel.write(buf);
            channel.force(false);
        } catch (IOException e) {
            throw new LogException("cannot append to the audit log " + file + ": " + e.getMessage(), e);
        }
        records.add(record);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing unsynced is left: every append forced its frame
        }
    }
}
