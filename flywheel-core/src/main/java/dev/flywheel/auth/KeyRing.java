package dev.flywheel.auth;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server's view of the keys: a map from secret hash to key, reloaded from the {@link KeyStore}
 * when its version changes (checked at most once a second, so revocation takes effect within one).
 */
public final class KeyRing {
    private final KeyStore store;
    private final Clock clock;
    private volatile Map<String, ApiKey> byHash = Map.of();
    private volatile long loadedVersion = Long.MIN_VALUE;
    private volatile long checkedAt = Long.MIN_VALUE;

    public KeyRing(KeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        reload();
    }

    /** The live key the secret belongs to, if any. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isEmpty()) return Optional.empty();
        refreshIfDue();
        String hash = ApiKeys.sha256(secret);
        ApiKey key = byHash.get(hash);
        if (key == null && reloadIfChanged()) key = byHash.get(hash);
        return key == null || key.revoked() ? Optional.empty() : Optional.of(key);
    }

    public synchronized void reload() {
        long v = store.version();
        Map<String, ApiKey> m = new HashMap<>();
        for (ApiKey k : store.all()) m.put(k.sha256(), k);
        byHash = Map.copyOf(m);
        loadedVersion = v;
        checkedAt = clock.millis();
    }

    private void refreshIfDue() {
        long now = clock.millis();
        if (now - checkedAt < 1_000) return;
        checkedAt = now;
        reloadIfChanged();
    }

    /**
     * A key made a moment ago must work at once, even for a request that raced another one through
     * the periodic check (regression: concurrent first requests of a new key got 401), so an
     * unknown secret always looks at the store's version; that is one file stat, not a reload.
     */
    private synchronized boolean reloadIfChanged() {
        if (store.version() == loadedVersion) return false;
        reload();
        return true;
    }
}
