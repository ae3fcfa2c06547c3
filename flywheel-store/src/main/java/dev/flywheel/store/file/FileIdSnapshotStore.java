package dev.flywheel.store.file;

import dev.flywheel.ingest.IdSnapshot;
import dev.flywheel.ingest.IdSnapshotStore;
import dev.flywheel.log.LogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The ingest pipeline's id snapshot as one file: magic, format, the seq it covers, the event and the
 * decision hashes (each the two words of its key, a count of longs, then the longs), and a CRC-32C of everything before it;
 * replaced whole ({@link SyncedFile}). A torn or corrupt file reads as no snapshot.
 */
public final class FileIdSnapshotStore implements IdSnapshotStore {
    private static final int MAGIC = 0x46574944; // "FWID"
    /** 2: each set's key before its hashes. A format-1 file (unkeyed hashes) reads as no snapshot. */
    private static final int FORMAT = 2;
    private final Path file;

    public FileIdSnapshotStore(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tmp"));
        } catch (IOException e) {
            throw new LogException("cannot open the id snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(IdSnapshot s) {
        try {
            SyncedFile.replace(file, out -> {
                out.putInt(MAGIC).putInt(FORMAT).putLong(s.seq());
                putIds(out, s.events());
                putIds(out, s.decisions());
            });
        } catch (IOException e) {
            throw new LogException("cannot write the id snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** Read in one pass through a buffer, a chunk of hashes at a time into the sinks. */
    @Override
    public OptionalLong load(Hashes events, Hashes decisions) {
        try (SyncedFile.In in = new SyncedFile.In(file)) {
            if (in.getInt() != MAGIC || in.getInt() != FORMAT) return OptionalLong.empty();
            long seq = in.getLong();
            if (seq < -1 || !longs(in, events) || !longs(in, decisions) || !in.finish()) return OptionalLong.empty();
            return OptionalLong.of(seq);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /** One set as {@link #longs} reads it: the two words of its key, a count of longs, the longs. */
    private static void putIds(SyncedFile.Out out, IdSnapshot.HashedIds ids) throws IOException {
        out.putLong(ids.key0()).putLong(ids.key1()).putInt(ids.hashes().length).putLongs(ids.hashes());
    }

    private static boolean longs(SyncedFile.In in, Hashes sink) throws IOException {
        sink.key(in.getLong(), in.getLong());
        int n = in.getInt();
        if (n < 0 || n % 2 != 0 || (long) n * 8 > in.left()) return false;
        long[] chunk = new long[Math.min(n, 1 << 16)];
        for (int done = 0; done < n; ) {
            int k = Math.min(chunk.length, n - done);
            in.getLongs(chunk, k);
            sink.accept(chunk, 0, k);
            done += k;
        }
        return true;
    }
}
