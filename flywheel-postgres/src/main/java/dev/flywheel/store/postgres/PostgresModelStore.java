package dev.flywheel.store.postgres;

import dev.flywheel.log.LogException;
import dev.flywheel.model.ModelStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.NoSuchElementException;

/**
 * Model states in table {@code model_states}, keyed by the SHA-256 of their bytes. A put is one
 * committed INSERT ({@code ON CONFLICT DO NOTHING}: the same bytes keep their one row), so a state is
 * whole once it returns, before any audit record names it; a read checks the bytes against their
 * name, so a damaged row is reported rather than served.
 */
public final class PostgresModelStore implements ModelStore {
    private static final String ID = "[0-9a-f]{64}";
    private final PostgresDatabase db;

    public PostgresModelStore(PostgresDatabase db) {
        this.db = db;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String put(byte[] state) {
        String id = sha256(state);
        db.transaction("store model state " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO model_states VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
                p.setString(1, id);
                p.setBytes(2, state);
                p.executeUpdate();
            }
            return null;
        });
        return id;
    }

    @Override
    public byte[] get(String id) {
        if (!id.matches(ID)) throw new NoSuchElementException("not a state id: " + id);
        byte[] b = db.read("read model state " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT state FROM model_states WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getBytes(1) : null;
                }
            }
        });
        if (b == null) throw new NoSuchElementException("no model state " + id);
        if (!sha256(b).equals(id)) throw new LogException("model state " + id + " is corrupt: its bytes hash differently");
        return b;
    }

    @Override
    public boolean contains(String id) {
        if (!id.matches(ID)) return false;
        return db.read("look for model state " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM model_states WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next();
                }
            }
        });
    }
}
