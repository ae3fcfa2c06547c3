package dev.flywheel.store.file;

import dev.flywheel.log.LogException;
import dev.flywheel.model.ModelStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.NoSuchElementException;

/**
 * Model states as files named by the SHA-256 of their bytes, in one directory. A state is written to
 * a temporary file, synced and renamed into place, so a file under a hash name is always complete;
 * a crash leaves at most a temporary file, removed at the next open.
 */
public final class FileModelStore implements ModelStore {
    private final Path dir;

    public FileModelStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (p.getFileName().toString().endsWith(".tmp")) Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new LogException("cannot open the model directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String put(byte[] state) {
        String id = hash(state);
        Path target = dir.resolve(id);
        if (Files.exists(target)) return id;
        Path tmp = dir.resolve(id + "." + Thread.currentThread().getId() + ".tmp");
        try {
            Files.write(tmp, state);
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // the rename itself must survive a crash before the audit record names it
            } catch (IOException ignored) {
                // some file systems cannot sync a directory; the rename is then as durable as they make it
            }
        } catch (IOException e) {
            throw new LogException("cannot store model state " + id + ": " + e.getMessage(), e);
        }
        return id;
    }

    @Override
    public byte[] get(String id) {
        if (!id.matches("[0-9a-f]{64}")) throw new NoSuchElementException("not a state id: " + id);
        try {
            byte[] b = Files.readAllBytes(dir.resolve(id));
            if (!hash(b).equals(id)) throw new LogException("model state " + id + " is corrupt: its bytes hash differently");
            return b;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NoSuchElementException("no model state " + id);
        } catch (IOException e) {
            throw new LogException("cannot read model state " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(String id) {
        return id.matches("[0-9a-f]{64}") && Files.exists(dir.resolve(id));
    }
}
