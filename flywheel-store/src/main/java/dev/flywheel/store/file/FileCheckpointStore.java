package dev.flywheel.store.file;

import dev.flywheel.log.LogException;
import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.CheckpointStore;
import dev.flywheel.state.StateBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoints as files {@code checkpoint-<seq>.bin} in one directory: a header (magic, format, seq,
 * time taken, whether taken after an idle), each operator's state by name, and a CRC-32C of
 * everything before it. A file is streamed out under a temporary name, synced and renamed
 * ({@link SyncedFile}), so a crash leaves either the old set or the new file whole; a file that
 * fails its checksum anyway (a disk that lies) is skipped for the one before. The newest
 * {@code keep} are kept.
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

    /** Streams the file out: each state's bytes go from the operator's array to the file, not through a copy of the whole. */
    @Override
    public void save(Checkpoint c) {
        try {
            SyncedFile.replace(file(c.seq()), out -> {
                out.putInt(MAGIC).putInt(FORMAT).putLong(c.seq()).putLong(c.takenAt().getEpochSecond()).putInt(c.takenAt().getNano());
                out.put(c.afterIdle() ? (byte) 1 : (byte) 0).putInt(c.parts().size());
                for (var e : c.parts().entrySet()) {
                    out.putString(e.getKey()).putInt(e.getValue().length()).put(e.getValue().buffer());
                }
            });
            prune();
        } catch (IOException e) {
            throw new LogException("cannot write checkpoint at seq " + c.seq() + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void prune() {
        List<Long> seqs = seqs();
        for (int i = 0; i < seqs.size() - keep; i++) {
            try {
                Files.deleteIfExists(file(seqs.get(i)));
            } catch (IOException e) {
                // a file a restore still maps, on a system that refuses to delete one: a later prune takes it
            }
        }
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

    /**
     * The checkpoint in the file, or null when it is unreadable, torn or fails its checksum. One pass
     * checks the checksum through a buffer; the states are then mapped from the file, not copied:
     * what an operator leaves undecoded at a start (most users' features) is never read into memory.
     */
    private Checkpoint read(long seq) {
        try (SyncedFile.In in = new SyncedFile.In(file(seq))) {
            if (in.getInt() != MAGIC) return null;
            int format = in.getInt();
            if (format != 1 && format != FORMAT) return null;
            if (in.getLong() != seq) return null; // a file renamed to another seq
            java.time.Instant taken = java.time.Instant.ofEpochSecond(in.getLong(), in.getInt());
            boolean afterIdle = format > 1 && in.get() == 1;
            int n = in.getInt();
            if (n < 0) return null;
            Map<String, long[]> at = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                String name = in.getString();
                int length = in.getInt();
                if (name == null || length < 0 || length > in.left()) return null;
                at.put(name, new long[] {in.position(), length});
                in.skip(length);
            }
            if (!in.finish()) return null;
            Map<String, StateBytes> states = new TreeMap<>();
            for (var e : at.entrySet()) states.put(e.getKey(), StateBytes.of(in.map(e.getValue()[0], (int) e.getValue()[1])));
            return Checkpoint.ofParts(seq, taken, states, afterIdle);
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            return null;
        }
    }
}
