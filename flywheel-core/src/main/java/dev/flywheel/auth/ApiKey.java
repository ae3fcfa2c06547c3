package dev.flywheel.auth;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A stored API key. Only the SHA-256 of the secret is kept: keys are 192-bit random strings, so a
 * plain hash is enough (no password stretching needed) and lookups stay cheap on every request.
 * {@code created} is kept to the microsecond.
 */
public record ApiKey(String id, String sha256, Set<Scope> scopes, String name, Instant created, boolean revoked) {
    public ApiKey {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) throw new IllegalArgumentException("key id must be 1-64 of [A-Za-z0-9_-]");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
        if (scopes == null || scopes.isEmpty()) throw new IllegalArgumentException("a key needs at least one scope");
        scopes = Set.copyOf(EnumSet.copyOf(scopes));
        name = name == null ? "" : name;
        if (created == null) throw new IllegalArgumentException("created is required");
        // what every key store keeps (PostgreSQL's timestamps end there), so a key reads back equal
        created = created.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    public boolean allows(Scope needed) {
        return !revoked && (scopes.contains(needed) || scopes.contains(Scope.ADMIN));
    }

    public ApiKey revoke() {
        return new ApiKey(id, sha256, scopes, name, created, true);
    }
}
