package dev.flywheel.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/** Makes and hashes key secrets. A secret looks like {@code fw_<id>_<32 random chars>}. */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() { }

    public static IssuedKey issue(Set<Scope> scopes, String name, Instant now) {
        String id = random(6);
        String secret = "fw_" + id + "_" + random(24);
        return new IssuedKey(secret, new ApiKey(id, sha256(secret), scopes, name, now, false));
    }

    /** Stores a secret chosen by the operator (such as {@code FLYWHEEL_ADMIN_KEY}) under a fixed id. */
    public static ApiKey of(String id, String secret, Set<Scope> scopes, String name, Instant now) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("a key secret must be at least 16 characters");
        }
        return new ApiKey(id, sha256(secret), scopes, name, now, false);
    }

    public static String sha256(String secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).replace('-', 'x').replace('_', 'y');
    }
}
