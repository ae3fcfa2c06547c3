package dev.flywheel.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    /** A key store held in memory; the ring must notice its changes only through version(). */
    static final class ListStore implements KeyStore {
        final List<ApiKey> keys = new ArrayList<>();
        long version;

        public List<ApiKey> all() { return List.copyOf(keys); }
        public void put(ApiKey k) { keys.removeIf(x -> x.id().equals(k.id())); keys.add(k); version++; }
        public boolean revoke(String id) {
            for (int i = 0; i < keys.size(); i++) if (keys.get(i).id().equals(id)) { keys.set(i, keys.get(i).revoke()); version++; return true; }
            return false;
        }
        public long version() { return version; }
    }

    @Test
    void onlyTheHashIsStoredAndScopesAreEnforced() {
        IssuedKey k = ApiKeys.issue(Set.of(Scope.INGEST), "p", Instant.EPOCH);
        assertFalse(k.key().sha256().contains(k.secret()));
        assertEquals(ApiKeys.sha256(k.secret()), k.key().sha256());
        assertTrue(k.key().allows(Scope.INGEST));
        assertFalse(k.key().allows(Scope.ADMIN));
        assertTrue(ApiKeys.issue(Set.of(Scope.ADMIN), "a", Instant.EPOCH).key().allows(Scope.REVIEW));
    }

    @Test
    void revocationTakesEffectWithinASecond() {
        ListStore store = new ListStore();
        ManualClock clock = new ManualClock(Instant.EPOCH);
        IssuedKey k = ApiKeys.issue(Set.of(Scope.INGEST), "p", Instant.EPOCH);
        store.put(k.key());
        KeyRing ring = new KeyRing(store, clock);
        assertTrue(ring.authenticate(k.secret()).isPresent());
        store.revoke(k.key().id());
        clock.advance(Duration.ofMillis(500));
        assertTrue(ring.authenticate(k.secret()).isPresent(), "not re-read before a second has passed");
        clock.advance(Duration.ofMillis(600));
        assertFalse(ring.authenticate(k.secret()).isPresent());
        assertFalse(ring.authenticate("fw_nope").isPresent());
    }

    /** Regression: a new key got 401 when its first requests raced the once-a-second check. */
    @Test
    void aNewKeyWorksAtOnceWithoutWaitingForThePeriodicCheck() {
        ListStore store = new ListStore();
        ManualClock clock = new ManualClock(Instant.EPOCH);
        KeyRing ring = new KeyRing(store, clock);
        IssuedKey k = ApiKeys.issue(Set.of(Scope.INGEST), "p", Instant.EPOCH);
        store.put(k.key());
        assertTrue(ring.authenticate(k.secret()).isPresent());
    }
}
