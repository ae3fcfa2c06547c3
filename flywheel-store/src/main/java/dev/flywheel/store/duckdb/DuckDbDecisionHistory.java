package dev.flywheel.store.duckdb;

import dev.flywheel.decision.Decision;
import dev.flywheel.decision.DecisionHistory;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.decision.ShadowRanking;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogException;
import dev.flywheel.outcome.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A decision read back from the embedded store's tables, with its events and outcomes. */
public final class DuckDbDecisionHistory implements DecisionHistory {
    private final DuckDbRecordStore store;

    public DuckDbDecisionHistory(DuckDbRecordStore store) {
        this.store = store;
    }

    @Override
    public Optional<Decision> decision(String id) {
        try (Connection c = store.connect()) {
            try (PreparedStatement p = c.prepareStatement("SELECT id, loop, user_id, epoch_us(ts), model, arm, arm_probability, "
                    + "coalesce(period, 0), candidates, context FROM decisions WHERE id = ? LIMIT 1")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) return Optional.empty();
                    Double armP = r.getObject(7) == null ? null : r.getDouble(7);
                    List<String> candidates = Arrays.stream((Object[]) r.getArray(9).getArray()).map(String::valueOf).toList();
                    return Optional.of(new Decision(r.getString(1), r.getString(2), r.getString(3), Rows.instant(r.getLong(4)),
                            r.getString(5), r.getString(6), armP, r.getInt(8), served(c, id), candidates, r.getString(10),
                            shadows(c, id)));
                }
            }
        } catch (SQLException e) {
            throw new LogException("cannot read decision " + id + ": " + e.getMessage(), e);
        }
    }

    private static List<ServedItem> served(Connection c, String id) throws SQLException {
        List<ServedItem> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT item, position, score, propensity FROM decision_items WHERE decision_id = ? ORDER BY position")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(new ServedItem(r.getString(1), r.getInt(2), r.getObject(3) == null ? null : r.getDouble(3), r.getDouble(4)));
            }
        }
        return out;
    }

    private static List<ShadowRanking> shadows(Connection c, String id) throws SQLException {
        Map<String, List<ServedItem>> by = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT version, item, position, score, propensity FROM decision_shadows "
                + "WHERE decision_id = ? ORDER BY version, position")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) by.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new ServedItem(r.getString(2),
                        r.getInt(3), r.getObject(4) == null ? null : r.getDouble(4), r.getDouble(5)));
            }
        }
        List<ShadowRanking> out = new ArrayList<>();
        by.forEach((v, items) -> out.add(new ShadowRanking(v, items)));
        return out;
    }

    @Override
    public List<Event> events(String decision) {
        String sql = "SELECT id, type, epoch_ns(ts), user_id, session_id, decision_id, loop, item, value, props FROM events "
                + "WHERE decision_id = ? ORDER BY ts, seq";
        try (Connection c = store.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, decision);
            List<Event> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long ns = r.getLong(3);
                    out.add(new Event(r.getString(1), r.getString(2), Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L),
                            Math.floorMod(ns, 1_000_000_000L)), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                            r.getString(8), r.getObject(9) == null ? null : r.getDouble(9), r.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot read events of decision " + decision + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Outcome> outcomes(String decision) {
        String sql = "SELECT decision_id, loop, user_id, item, position, propensity, score, model, arm, epoch_us(decided_at), "
                + "reactions, reward, ignored, late_count, candidates FROM outcomes WHERE decision_id = ? ORDER BY position";
        try (Connection c = store.connect(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, decision);
            List<Outcome> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(DuckDbOutcomeStore.row(r));
            }
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot read outcomes of decision " + decision + ": " + e.getMessage(), e);
        }
    }

}
