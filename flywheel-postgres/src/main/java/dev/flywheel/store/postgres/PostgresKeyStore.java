package dev.flywheel.store.postgres;

import dev.flywheel.auth.ApiKey;
import dev.flywheel.auth.KeyStore;
import dev.flywheel.auth.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * API keys in table {@code api_keys} (only the SHA-256 of each secret), shared by every server
 * process of the instance. Each change is one transaction that also moves {@code keys.version} on,
 * so {@link #version} is one cheap read that changes exactly when the keys do.
 */
public final class PostgresKeyStore implements KeyStore {
    private static final String VERSION = "keys.version";
    private static final String UPSERT = "INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            + "sha256 = excluded.sha256, scopes = excluded.scopes, name = excluded.name, created = excluded.created, "
            + "revoked = excluded.revoked";
    private final PostgresDatabase db;

    public PostgresKeyStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public List<ApiKey> all() {
        return db.read("read API keys", c -> {
            List<ApiKey> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, sha256, scopes, name, created, revoked FROM api_keys ORDER BY id");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(row(r));
            }
            return out;
        });
    }

    private static ApiKey row(ResultSet r) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : Sql.texts(r, 3)) scopes.add(Scope.parse(s));
        return new ApiKey(r.getString(1), r.getString(2), scopes, r.getString(4), Sql.instant(r, 5), r.getBoolean(6));
    }

    @Override
    public void put(ApiKey key) {
        db.transaction("store API key " + key.id(), c -> {
            try (PreparedStatement p = c.prepareStatement(UPSERT)) {
                p.setString(1, key.id());
                p.setString(2, key.sha256());
                Sql.texts(p, 3, key.scopes().stream().map(Scope::wireName).sorted().toList());
                p.setString(4, key.name());
                Sql.instant(p, 5, key.created());
                p.setBoolean(6, key.revoked());
                p.executeUpdate();
            }
            changed(c);
            return null;
        });
    }

    @Override
    public boolean revoke(String id) {
        return db.transaction("revoke API key " + id, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE api_keys SET revoked = true WHERE id = ?")) {
                p.setString(1, id);
                if (p.executeUpdate() == 0) return false;
            }
            changed(c);
            return true;
        });
    }

    private static void changed(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE meta SET value = value + 1 WHERE key = ?")) {
            p.setString(1, VERSION);
            p.executeUpdate();
        }
    }

    @Override
    public long version() {
        return db.read("read the API keys' version", c -> Meta.read(c, VERSION));
    }
}
