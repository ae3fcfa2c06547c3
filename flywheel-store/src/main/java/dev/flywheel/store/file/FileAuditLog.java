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

/**
 * The audit log as one append-only file of the event log's frames ({@link Frames}: body length,
 * CRC-32C, body), each frame one {@link AuditCodec} record, synced before {@link #append} returns.
 * On open, a torn or corrupt tail (a crash in the middle of an append) is cut: that change was
 * never acknowledged.
 */
public final class FileAuditLog implements AuditLog {
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
        for (int len; (len = Frames.bodyLength(b, p, b.length, 1)) >= 0; p += Frames.HEADER + len) {
            records.add(AuditCodec.decode(b, p + Frames.HEADER, len));
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
        Frames.frame(out, b -> AuditCodec.encode(record, b));
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
