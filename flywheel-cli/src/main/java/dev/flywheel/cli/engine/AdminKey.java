package dev.flywheel.cli.engine;

import dev.flywheel.auth.ApiKey;
import dev.flywheel.auth.ApiKeys;
import dev.flywheel.auth.IssuedKey;
import dev.flywheel.auth.KeyStore;
import dev.flywheel.auth.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;

/**
 * Makes sure an admin can get in on first start: the operator's {@code FLYWHEEL_ADMIN_KEY} if set,
 * otherwise a generated key written once to {@code <data>/admin.key} with mode 600.
 */
public final class AdminKey {
    public static final String ENV = "FLYWHEEL_ADMIN_KEY";
    static final String ENV_KEY_ID = "admin-env";

    private AdminKey() { }

    /** @return the admin.key file when one was written now, else null */
    public static Path ensure(KeyStore keys, Path dataDir, String envSecret, Instant now) {
        if (envSecret != null && !envSecret.isBlank()) {
            ApiKey k = ApiKeys.of(ENV_KEY_ID, envSecret.trim(), Set.of(Scope.ADMIN), "from " + ENV, now);
            boolean same = keys.all().stream().anyMatch(x -> x.id().equals(ENV_KEY_ID) && x.sha256().equals(k.sha256()) && !x.revoked());
            if (!same) keys.put(k);
            return null;
        }
        boolean hasAdmin = keys.all().stream().anyMatch(k -> !k.revoked() && k.scopes().contains(Scope.ADMIN)
                && !k.id().equals(ENV_KEY_ID));
        if (hasAdmin) return null;
        IssuedKey k = ApiKeys.issue(Set.of(Scope.ADMIN), "admin (first start)", now);
        Path file = dataDir.resolve("admin.key");
        writeSecret(file, k.secret());
        keys.put(k.key());
        return file;
    }

    private static void writeSecret(Path file, String secret) {
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
