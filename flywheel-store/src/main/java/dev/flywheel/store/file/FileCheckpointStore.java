package dev.flywheel.store.file;

import dev.flywheel.log.Bytes;
import dev.flywheel.log.LogException;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.CheckpointStore;
import dev.flywheel.state.StateReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Checkpoints as files {@code checkpoint-<seq>.bin} in one directory: a header (magic, format, seq,
 * time taken, whether taken after an idle), each operator's state by name, and a CRC-32C of everything before it. A file is
 * written under a temporary name, synced and renamed, so a crash leaves either the old set or the
 * new file whole; a file that fails its checksum anyway (a disk that lies) is skipped for the one
 * before. The newest {@code keep} are kept.
 */
public final class FileCheckpointStore implements CheckpointStore {
    private static final int MAGIC = 0x46574350; // "FWCP"
    /** Format 2 added the idle flag; a format 1 file reads as taken before any idle. */
    private static final int FORMAT = 2;
    private static final Pattern NAME = Pattern.compile("checkpoint-(-?\\d{1,19})\\.bin");
    private final Path dir;
    private final int keep;
    private final AtomicLong skipped = new AtomicLong();

    public FileCheckpointStore(Path dir, int keep) {
        if (keep < 2) throw new IllegalArgumentException("keep must be at least 2, so a corrupt checkpoint has one to fall back to");
        this.dir = dir;
        this.keep = keep;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new LogException("cannot open checkpoint directory " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Checkpoint c) {
        byte[] bytes = encode(c);
        Path target = dir.resolve("checkpoint-" + c.seq() + ".bin");
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            move(tmp, target);
            syncDirectory();
            prune();
        } catch (IOException e) {
            throw new LogException("cannot write checkpoint at seq " + c.seq() + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot sync a directory; the rename is then as durable as they make it
        }
    }

    private void prune() throws IOException {
        List<Long> seqs = seqs();
        for (int i = 0; i < seqs.size() - keep; i++) Files.deleteIfExists(file(seqs.get(i)));
    }

    private Path file(long seq) {
        return dir.resolve("checkpoint-" + seq + ".bin");
    }

    @Override
    public Optional<Checkpoint> latest() {
        List<Long> seqs = seqs();
        for (int i = seqs.size() - 1; i >= 0; i--) {
            Checkpoint c = read(seqs.get(i));
            if (c != null) return Optional.of(c);
            skipped.incrementAndGet();
        }
        return Optional.empty();
    }

    @Override
    public List<Long> seqs() {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) out.add(Long.parseLong(m.group(1)));
            });
        } catch (IOException e) {
            throw new LogException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public long skipped() {
        return skipped.get();
    }

    /** The checkpoint in the file, or null when it is unreadable, torn or fails its checksum. */
    private Checkpoint read(long seq) {
        try {
            return decode(Files.readAllBytes(file(seq)), seq);
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] encode(Checkpoint c) {
        Bytes out = new Bytes(1 << 16);
        out.putInt(MAGIC);
        out.putInt(FORMAT);
        out.putLong(c.seq());
        out.putLong(c.takenAt().getEpochSecond());
        out.putInt(c.takenAt().getNano());
        out.put(c.afterIdle() ? (byte) 1 : (byte) 0);
        out.putInt(c.states().size());
        c.states().forEach((name, state) -> {
            out.putString(name);
            out.putInt(state.length);
            out.put(state, 0, state.length);
        });
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.length());
        out.putInt((int) crc.getValue());
        return Arrays.copyOf(out.array(), out.length());
    }

    static Checkpoint decode(byte[] b, long expectedSeq) {
        if (b.length < 4) throw new IllegalStateException("checkpoint file too short");
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        StateReader tail = new StateReader(b, b.length - 4, 4);
        if ((int) crc.getValue() != tail.getInt()) throw new IllegalStateException("checksum mismatch");
        StateReader in = new StateReader(b, 0, b.length - 4);
        if (in.getInt() != MAGIC) throw new IllegalStateException("not a checkpoint file");
        int format = in.getInt();
        if (format != 1 && format != FORMAT) throw new IllegalStateException("checkpoint file format " + format + ", this code reads 1 and " + FORMAT);
        long seq = in.getLong();
        if (seq != expectedSeq) throw new IllegalStateException("file named for seq " + expectedSeq + " holds seq " + seq);
        java.time.Instant taken = java.time.Instant.ofEpochSecond(in.getLong(), in.getInt());
        boolean afterIdle = format > 1 && in.getBoolean();
        int n = in.count();
        Map<String, byte[]> states = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.getString();
            states.put(name, in.getBytes());
        }
        if (!in.atEnd()) throw new IllegalStateException("bytes after the last state");
        return new Checkpoint(seq, taken, states, afterIdle);
    }
}
