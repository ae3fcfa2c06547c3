package dev.flywheel.auth.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.auth.ApiKey;
import dev.flywheel.auth.ApiKeys;
import dev.flywheel.auth.KeyStore;
import dev.flywheel.auth.Scope;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link KeyStore} adapter must do. */
public abstract class KeyStoreContract {
    static final Instant T = Instant.parse("2026-11-01T10:00:00.123456789Z");
    @TempDir
    protected Path dir;

    /**
     * A handle on the keys kept at {@code dir}; each call opens another one on the same keys, as the
     * {@code flywheel keys} command does beside a running server.
     */
    protected abstract KeyStore open(Path dir);

    private static ApiKey key(String id, String name, Set<Scope> scopes) {
        return ApiKeys.of(id, "secret-of-" + id + "-0123456789", scopes, name, T.plusSeconds(id.length()));
    }

    private static List<ApiKey> byId(List<ApiKey> keys) {
        return keys.stream().sorted(Comparator.comparing(ApiKey::id)).toList();
    }

    @Test
    void keysComeBackWholeThroughAnotherHandle() {
        KeyStore s = open(dir);
        assertEquals(List.of(), s.all());
        ApiKey admin = key("admin", "the operator", Set.of(Scope.ADMIN));
        ApiKey shop = key("shop-1", "shop front end, café", Set.of(Scope.INGEST, Scope.DECIDE));
        s.put(admin);
        s.put(shop);
        List<ApiKey> seen = byId(open(dir).all());
        assertEquals(List.of(admin, shop), seen);
        assertEquals(Instant.parse("2026-11-01T10:00:06.123456Z"), seen.get(1).created(), "kept to the microsecond");
    }

    @Test
    void puttingAnIdAgainReplacesItsKeyAndRevokingKeepsItRevoked() {
        KeyStore s = open(dir);
        s.put(key("k1", "first", Set.of(Scope.INGEST)));
        ApiKey replaced = key("k1", "second", Set.of(Scope.REVIEW));
        s.put(replaced);
        s.put(key("k2", "other", Set.of(Scope.DECIDE)));
        assertTrue(s.revoke("k2"));
        assertFalse(s.revoke("nope"), "no key has that id");
        List<ApiKey> all = byId(open(dir).all());
        assertEquals(List.of(replaced, key("k2", "other", Set.of(Scope.DECIDE)).revoke()), all);
        assertFalse(all.get(1).allows(Scope.DECIDE));
    }

    @Test
    void theVersionChangesWithEveryChangeAndOnlyThenAsAnotherHandleSeesIt() {
        KeyStore writer = open(dir);
        KeyStore reader = open(dir);
        Set<Long> versions = new HashSet<>();
        versions.add(reader.version());
        for (int i = 0; i < 20; i++) {
            writer.put(key("k" + i, "n", Set.of(Scope.INGEST)));
            assertTrue(versions.add(reader.version()), "put " + i + " left the version as it was");
            writer.revoke("k" + i);
            assertTrue(versions.add(reader.version()), "revoke " + i + " left the version as it was");
        }
        long last = reader.version();
        assertFalse(writer.revoke("absent"));
        assertEquals(last, reader.version(), "nothing changed");
    }
}
