package dev.flywheel.store.postgres;

import dev.flywheel.feature.ConsumedItems;
import dev.flywheel.feature.FeatureStateSource;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.InteractionHistory;
import dev.flywheel.state.StateReader;
import dev.flywheel.topology.ServingState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The serving state the Flink job publishes ({@link PostgresFeatureStates#publish}), read back by
 * key: feature states from {@code feature_states}, learner states from {@code learner_states},
 * collaborative models from {@code collaborative_models}, users' latest interactions from {@code
 * interaction_histories}, users' consumed items from {@code consumed_items}, the catalog's entries from {@code
 * catalog_entries} in seq order and the offsets from {@code applied_offsets}. Every read is one query
 * (no cache here: a server puts its own in front).
 */
public final class PostgresServingState implements ServingState {
    private final PostgresDatabase db;
    private final PostgresFeatureStates features;
    private final boolean owned;

    public PostgresServingState(PostgresDatabase db) {
        this(db, false);
    }

    private PostgresServingState(PostgresDatabase db, boolean owned) {
        this.db = db;
        this.features = new PostgresFeatureStates(db);
        this.owned = owned;
    }

    /** Opens the database of {@code settings} for this reader alone: closing it closes the database. */
    public static PostgresServingState open(PostgresSettings settings) {
        return new PostgresServingState(PostgresDatabase.open(settings), true);
    }

    @Override
    public FeatureStateSource features(String loop, Duration halfLife) {
        return features.source(loop, halfLife);
    }

    @Override
    public Published model(String loop) {
        return loopState("learner_states", "the learner state", loop);
    }

    @Override
    public Published collaborative(String loop) {
        return loopState("collaborative_models", "the collaborative models", loop);
    }

    @Override
    public Published status(String loop) {
        return loopState("loop_status", "the learner status", loop);
    }

    private Published loopState(String table, String what, String loop) {
        return db.read("read " + what + " of loop " + loop, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT seq, after_idle, state FROM " + table + " WHERE loop = ?")) {
                p.setString(1, loop);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? new Published(r.getLong(1), r.getBoolean(2), r.getBytes(3)) : null;
                }
            }
        });
    }

    @Override
    public InteractionHistory history(String loop, String user) {
        byte[] h = userState("interaction_histories", "history", "the latest interactions of user ", loop, user);
        return InteractionHistory.fromBytes(h);
    }

    @Override
    public Map<String, Instant> consumed(String loop, String user) {
        byte[] items = userState("consumed_items", "items", "what was consumed by user ", loop, user);
        return items == null ? Map.of() : ConsumedItems.decode(items);
    }

    private byte[] userState(String table, String column, String what, String loop, String user) {
        return db.read("read " + what + user + " in loop " + loop, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE loop = ? AND user_id = ?")) {
                p.setString(1, loop);
                p.setString(2, user);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getBytes(1) : null;
                }
            }
        });
    }

    @Override
    public List<LogEntry.ItemEntry> items(long afterSeq, int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must be 0 or more, got " + limit);
        return db.read("read catalog entries after seq " + afterSeq, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT entry FROM catalog_entries WHERE seq > ? ORDER BY seq LIMIT ?")) {
                p.setLong(1, afterSeq);
                p.setInt(2, limit);
                List<LogEntry.ItemEntry> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add((LogEntry.ItemEntry) new StateReader(r.getBytes(1)).getEntry());
                }
                return out;
            }
        });
    }

    @Override
    public Map<Integer, Long> applied() {
        return db.read("read the applied offsets", c -> {
            Map<Integer, Long> out = new TreeMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT log_partition, log_offset FROM applied_offsets");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.put(r.getInt(1), r.getLong(2));
            }
            return out;
        });
    }

    @Override
    public void close() {
        if (owned) db.close();
    }
}
