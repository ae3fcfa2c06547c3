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
        ApiKey key = byHash.get(ApiKeys.sha256(secret));
        return key == null || key.revoked() ? Optional.empty() : Optional.of(key);
    }

    public void reload() {
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
        if (store.version() != loadedVersion) reload();
    }
}
