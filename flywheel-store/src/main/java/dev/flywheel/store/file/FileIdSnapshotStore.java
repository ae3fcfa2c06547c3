package dev.flywheel.store.file;

import dev.flywheel.ingest.IdSnapshot;
import dev.flywheel.ingest.IdSnapshotStore;
import dev.flywheel.log.LogException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ingest pipeline's id snapshot as one file: magic, format, the seq it covers, the event and the
 * decision hashes (each a count of longs, then the longs), and a CRC-32C of everything before it;
 * replaced whole ({@link SyncedFile}). A torn or corrupt file reads as no snapshot.
 */
public final class FileIdSnapshotStore implements IdSnapshotStore {
    private static final int MAGIC = 0x46574944; // "FWID"
    private static final int FORMAT = 1;
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
            SyncedFile.replace(file, out -> out.putInt(MAGIC).putInt(FORMAT).putLong(s.seq())
                    .putInt(s.events().length).putLongs(s.events())
                    .putInt(s.decisions().length).putLongs(s.decisions()));
        } catch (IOException e) {
            throw new LogException("cannot write the id snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** Read in one pass through a buffer, the hashes straight into their arrays. */
    @Override
    public Optional<IdSnapshot> latest() {
        try (SyncedFile.In in = new SyncedFile.In(file)) {
            if (in.getInt() != MAGIC || in.getInt() != FORMAT) return Optional.empty();
            long seq = in.getLong();
            long[] events = longs(in);
            long[] decisions = events == null ? null : longs(in);
            if (decisions == null || !in.finish()) return Optional.empty();
            return Optional.of(new IdSnapshot(seq, events, decisions));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static long[] longs(SyncedFile.In in) throws IOException {
        int n = in.getInt();
        if (n < 0 || n % 2 != 0 || (long) n * 8 > in.left()) return null;
        long[] out = new long[n];
        in.getLongs(out);
        return out;
    }
}
