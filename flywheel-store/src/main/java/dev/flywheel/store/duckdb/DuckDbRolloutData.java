package dev.flywheel.store.duckdb;

import dev.flywheel.log.LogException;
import dev.flywheel.rollout.RolloutData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The rollout's reads from the embedded store: decisions joined with their closed outcomes. */
public final class DuckDbRolloutData implements RolloutData {
    /** Where each query gets its own connection (closed after it). */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections store;
    private final java.util.function.LongSupplier appliedSeq;

    public DuckDbRolloutData(DuckDbRecordStore store) {
        this(store::connect, store::appliedSeq);
    }

    /** Over any connection source (a read-only store for offline analysis). */
    public DuckDbRolloutData(Connections connections, java.util.function.LongSupplier appliedSeq) {
        this.store = connections;
        this.appliedSeq = appliedSeq;
    }

    @Override
    public List<UserTotals> users(String loop, Set<Integer> periods, String metric, double cap) {
        if (periods.isEmpty()) return List.of();
        String in = periods.stream().map(String::valueOf).collect(Collectors.joining(","));
        String value = REWARD.equals(metric) ? "o.reward" : "CAST(list_contains(o.reactions, ?) AS INTEGER)";
        // per decision first (its items' outcomes summed), then per user: a decision counts once
        String sql = "WITH per AS (SELECT d.arm, d.user_id, d.id, sum(" + value + ") AS v FROM decisions d "
                + "JOIN outcomes o ON o.decision_id = d.id WHERE d.loop = ? AND d.period IN (" + in + ") "
                + "GROUP BY d.arm, d.user_id, d.id) "
                + "SELECT arm, user_id, count(*), sum(" + (Double.isInfinite(cap) ? "v" : "least(v, ?)") + ") FROM per "
                + "GROUP BY arm, user_id ORDER BY arm, user_id";
        try (Connection c = store.open(); PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            if (!REWARD.equals(metric)) p.setString(i++, metric);
            p.setString(i++, loop);
            if (!Double.isInfinite(cap)) p.setDouble(i, cap);
            List<UserTotals> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(new UserTotals(r.getString(1), r.getString(2), r.getLong(3), r.getDouble(4)));
            }
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot read arm totals of " + loop + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long closedSince(String loop, long afterSeq) {
        String sql = "SELECT count(*) FROM outcomes o JOIN decisions d ON d.id = o.decision_id WHERE d.loop = ? AND d.seq > ?";
        try (Connection c = store.open(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, loop);
            p.setLong(2, afterSeq);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new LogException("cannot count outcomes of " + loop + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long appliedSeq() {
        return appliedSeq.getAsLong();
    }

    @Override
    public List<ShadowMatch> shadow(String loop, String version, int period, double cap) {
        String sql = "SELECT i.propensity, least(o.reward, ?), s.item = i.item FROM decisions d "
                + "JOIN decision_items i ON i.decision_id = d.id AND i.position = 1 "
                + "JOIN decision_shadows s ON s.decision_id = d.id AND s.position = 1 AND s.version = ? "
                + "JOIN outcomes o ON o.decision_id = d.id AND o.item = i.item "
                + "WHERE d.loop = ? AND d.period = ? ORDER BY d.seq";
        try (Connection c = store.open(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setDouble(1, Double.isInfinite(cap) ? Double.MAX_VALUE : cap);
            p.setString(2, version);
            p.setString(3, loop);
            p.setInt(4, period);
            List<ShadowMatch> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(new ShadowMatch(r.getDouble(1), r.getDouble(2), r.getBoolean(3)));
            }
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot read shadow rankings of " + loop + ": " + e.getMessage(), e);
        }
    }
}
