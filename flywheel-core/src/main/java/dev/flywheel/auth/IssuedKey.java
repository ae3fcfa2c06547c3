package dev.flywheel.auth;

/** A freshly made key: the secret is shown once, only {@link #key()} is stored. */
public record IssuedKey(String secret, ApiKey key) { }
