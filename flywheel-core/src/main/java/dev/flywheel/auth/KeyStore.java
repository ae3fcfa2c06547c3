package dev.flywheel.auth;

import java.util.List;

/**
 * Where API keys live. It must be readable and writable while the server runs, so that
 * {@code flywheel keys create} can add a key beside a running server.
 */
public interface KeyStore {
    List<ApiKey> all();

    /** Adds the key, or replaces the stored key with the same id. */
    void put(ApiKey key);

    /** @return false when no key has that id */
    boolean revoke(String id);

    /** A number that changes whenever the stored keys change, so readers know when to reload. */
    long version();
}
