package dev.flywheel.store.file;

import dev.flywheel.auth.ApiKey;
import dev.flywheel.auth.KeyStore;
import dev.flywheel.auth.Scope;
import dev.flywheel.log.LogException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keys in a small tab-separated file ({@code keys.tsv}, mode 600) beside the data, so the
 * {@code flywheel keys} command can change them while a server runs: changes take a file lock, are
 * written to a temporary file and renamed over the old one, and the server notices the new file.
 */
public final class FileKeyStore implements KeyStore {
    private final Path file;
    private final Path lock;

    public FileKeyStore(Path dataDir) {
        this.file = dataDir.resolve("keys.tsv");
        this.lock = dataDir.resolve("keys.lock");
    }

    @Override
    public List<ApiKey> all() {
        if (!Files.exists(file)) return List.of();
        try {
            List<ApiKey> keys = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) keys.add(parse(line));
            }
            return keys;
        } catch (IOException e) {
            throw new LogException("cannot read " + file, e);
        }
    }

    @Override
    public void put(ApiKey key) {
        update(keys -> {
            keys.removeIf(k -> k.id().equals(key.id()));
            keys.add(key);
            return true;
        });
    }

    @Override
    public boolean revoke(String id) {
        return update(keys -> {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).id().equals(id)) {
                    keys.set(i, keys.get(i).revoke());
                    return true;
                }
            }
            return false;
        });
    }

    @Override
    public long version() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() * 31 + Objects.hashCode(a.fileKey()) * 17L + a.size();
        } catch (IOException e) {
            return 0;
        }
    }

    private interface Change {
        boolean apply(List<ApiKey> keys);
    }

    private synchronized boolean update(Change change) {
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            List<ApiKey> keys = new ArrayList<>(all());
            boolean changed = change.apply(keys);
            if (changed) write(keys);
            return changed;
        } catch (IOException e) {
            throw new LogException("cannot update " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(List<ApiKey> keys) throws IOException {
        StringBuilder sb = new StringBuilder("# id\tsha256\tscopes\tcreated\trevoked\tname\n");
        for (ApiKey k : keys) {
            List<String> scopes = k.scopes().stream().map(Scope::wireName).sorted().toList();
            sb.append(k.id()).append('\t').append(k.sha256()).append('\t').append(String.join(",", scopes))
              .append('\t').append(k.created()).append('\t').append(k.revoked() ? 1 : 0).append('\t')
              .append(k.name().replaceAll("[\\t\\r\\n]", " ")).append('\n');
        }
        Path tmp = file.resolveSibling("keys.tsv.tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        restrict(tmp);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void restrict(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // non-POSIX file systems: nothing finer to set
        }
    }

    private static ApiKey parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length < 6) throw new LogException("malformed line in keys.tsv: expected 6 columns");
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : f[2].split(",")) scopes.add(Scope.parse(s));
        return new ApiKey(f[0], f[1], scopes, f[5], Instant.parse(f[3]), "1".equals(f[4]));
    }
}
