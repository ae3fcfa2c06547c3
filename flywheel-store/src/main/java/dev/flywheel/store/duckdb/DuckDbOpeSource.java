package dev.flywheel.store.duckdb;

import dev.flywheel.analysis.Slate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The engine's decision log of one loop as slates for off-policy evaluation. A served item's reward is
 * 1 when an event of a reward type (click, like, ...) names the decision and the item, else 0; the
 * join and the ordering run in DuckDB, Java only groups consecutive rows into slates.
 */
public final class DuckDbOpeSource {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private DuckDbOpeSource() { }

    /** Calls {@code sink} once per decision of {@code loop}, in log order; returns the number of slates. */
    public static long slates(Connection c, String loop, List<String> rewardTypes, Consumer<Slate> sink)
            throws SQLException {
        if (loop == null || loop.isBlank()) {
            throw new IllegalArgumentException("--loop is required");
        }
        try (PreparedStatement p = c.prepareStatement(sql(rewardTypes))) {
            p.setString(1, loop);
            try (ResultSet r = p.executeQuery()) {
                return group(r, sink);
            }
        }
    }

    static String sql(List<String> rewardTypes) {
        if (rewardTypes == null || rewardTypes.isEmpty()) {
            throw new IllegalArgumentException("--reward-type: at least one event type is required");
        }
        for (String t : rewardTypes) {
            if (!TYPE.matcher(t).matches()) {
                throw new IllegalArgumentException("--reward-type '" + t + "' is not an event type name");
            }
        }
        String types = String.join(", ", rewardTypes.stream().map(x -> "'" + x + "'").toList());
        return "WITH d AS (SELECT seq, id, len(candidates) AS n FROM decisions WHERE loop = ?), "
                + "r AS (SELECT DISTINCT decision_id, item FROM events WHERE type IN (" + types + ") "
                + "AND decision_id IS NOT NULL AND item IS NOT NULL) "
                + "SELECT d.seq, i.position, i.item, i.score, i.propensity, r.item IS NOT NULL, d.n "
                + "FROM d JOIN decision_items i ON i.seq = d.seq "
                + "LEFT JOIN r ON r.decision_id = d.id AND r.item = i.item ORDER BY d.seq, i.position";
    }

    private static long group(ResultSet r, Consumer<Slate> sink) throws SQLException {
        Rows rows = new Rows();
        long slates = 0;
        long current = Long.MIN_VALUE;
        while (r.next()) {
            long seq = r.getLong(1);
            if (seq != current && !rows.items.isEmpty()) {
                sink.accept(rows.slate());
                slates++;
            }
            current = seq;
            double score = r.getDouble(4);
            if (r.wasNull()) {
                score = Double.NaN;
            }
            rows.add(r.getInt(2), r.getString(3), score, r.getDouble(5),
                    r.getBoolean(6) ? 1 : 0, r.getInt(7));
        }
        if (!rows.items.isEmpty()) {
            sink.accept(rows.slate());
            slates++;
        }
        return slates;
    }

    /** The rows of the slate being read; emptied by {@link #slate()}. */
    private static final class Rows {
        final List<String> items = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();
        int candidates;

        void add(int position, String item, double score, double propensity, double reward, int n) {
            items.add(item);
            values.add(new double[] {position, score, propensity, reward});
            candidates = n;
        }

        Slate slate() {
            int k = items.size();
            int[] positions = new int[k];
            double[] scores = new double[k];
            double[] props = new double[k];
            double[] rewards = new double[k];
            for (int i = 0; i < k; i++) {
                double[] v = values.get(i);
                positions[i] = (int) v[0];
                scores[i] = v[1];
                props[i] = v[2];
                rewards[i] = v[3];
            }
            Slate s = new Slate(items, positions, scores, props, rewards, candidates);
            items.clear();
            values.clear();
            return s;
        }
    }
}
