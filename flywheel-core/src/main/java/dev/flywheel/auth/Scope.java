package dev.flywheel.auth;

import java.util.Locale;

/** What an API key may do. {@link #ADMIN} may do everything. */
public enum Scope {
    INGEST, DECIDE, ADMIN, REVIEW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the allowed scopes */
    public static Scope parse(String s) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(s)) return scope;
        }
        throw new IllegalArgumentException("unknown scope '" + s + "'; expected one of ingest, decide, admin, review");
    }
}
