package dev.flywheel.store.postgres;

import dev.flywheel.feature.FeatureKey;
import dev.flywheel.feature.FeatureStateChange;
import dev.flywheel.feature.FeatureStateSource;
import dev.flywheel.feature.FeatureStateStore;
import dev.flywheel.feature.KeyedStates;
import dev.flywheel.feature.ServingStateBatch;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every loop's feature state by key in table {@code feature_states}: (loop, kind, key) to the
 * position it is as of (seq, after idle) and its bytes ({@link KeyedStates}). The Flink job upserts
 * the keys that changed; a row is replaced only by a newer position, so a job restored from a
 * checkpoint, which emits states again (older ones, or the same), never moves a key back, and
 * writing a batch twice is harmless. Servers read by primary key, through a cache.
 */
public final class PostgresFeatureStates implements FeatureStateStore {
    private static final String UPSERT = """
            INSERT INTO feature_states AS f (loop, kind, key, seq, after_idle, state) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (loop, kind, key) DO UPDATE SET seq = excluded.seq, after_idle = excluded.after_idle, state = excluded.state
            WHERE (excluded.seq, excluded.after_idle) > (f.seq, f.after_idle)""";
    private final PostgresDatabase db;
    /** Whether closing this closes the database (opened for it alone, as a Flink sink's writer does). */
    private final boolean owned;

    public PostgresFeatureStates(PostgresDatabase db) {
        this(db, false);
    }

    private PostgresFeatureStates(PostgresDatabase db, boolean owned) {
        this.db = db;
        this.owned = owned;
    }

    /** Opens the database of {@code settings} for this store alone: closing the store closes it. */
    public static PostgresFeatureStates open(PostgresSettings settings) {
        return new PostgresFeatureStates(PostgresDatabase.open(settings), true);
    }

    @Override
    public void close() {
        if (owned) db.close();
    }

    /** One transaction; rows in key order, so two writers lock them in the same order. */
    @Override
    public void upsert(List<FeatureStateChange> changes) {
        if (changes.isEmpty()) return;
        db.transaction("store " + changes.size() + " feature states", c -> {
            features(c, changes);
            return null;
        });
    }

    /**
     * One transaction: the states (learner states, consumed items, catalog entries: {@link ServingStateRows}),
     * then the offsets, so a reader that sees an offset sees every state published with it.
     */
    @Override
    public void publish(ServingStateBatch batch) {
        if (batch.isEmpty()) return;
        db.transaction("publish the serving state (" + batch.features().size() + " feature states, " + batch.models().size()
                + " learner states, " + batch.consumed().size() + " users' consumed items, " + batch.items().size() + " catalog entries)", c -> {
            if (!batch.features().isEmpty()) features(c, batch.features());
            ServingStateRows.states(c, batch);
            ServingStateRows.offsets(c, batch.applied());
            return null;
        });
    }

    private static void features(java.sql.Connection c, List<FeatureStateChange> changes) throws java.sql.SQLException {
        List<FeatureStateChange> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(FeatureStateChange::loop).thenComparing(x -> x.key().kind())
                .thenComparing(x -> x.key().id()));
        try (PreparedStatement p = c.prepareStatement(UPSERT)) {
            for (FeatureStateChange x : sorted) {
                p.setString(1, x.loop());
                p.setShort(2, (short) x.key().kind().ordinal());
                p.setString(3, x.key().id());
                p.setLong(4, x.seq());
                p.setBoolean(5, x.afterIdle());
                p.setBytes(6, x.bytes());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    @Override
    public FeatureStateSource source(String loop, Duration halfLife) {
        return KeyedStates.source(halfLife, key -> bytes(loop, key));
    }

    /** The position {@code key} is stored as of, or null: {seq, 1 when after an idle}. */
    public long[] position(String loop, FeatureKey key) {
        return db.read("read the position of feature state " + key, c -> {
            try (PreparedStatement p = select(c, "seq, after_idle", loop, key); ResultSet r = p.executeQuery()) {
                return r.next() ? new long[] {r.getLong(1), r.getBoolean(2) ? 1 : 0} : null;
            }
        });
    }

    private byte[] bytes(String loop, FeatureKey key) {
        return db.read("read feature state " + key, c -> {
            try (PreparedStatement p = select(c, "state", loop, key); ResultSet r = p.executeQuery()) {
                return r.next() ? r.getBytes(1) : null;
            }
        });
    }

    private static PreparedStatement select(java.sql.Connection c, String columns, String loop, FeatureKey key)
            throws java.sql.SQLException {
        PreparedStatement p = c.prepareStatement("SELECT " + columns + " FROM feature_states WHERE loop = ? AND kind = ? AND key = ?");
        p.setString(1, loop);
        p.setShort(2, (short) key.kind().ordinal());
        p.setString(3, key.id());
        return p;
    }
}
