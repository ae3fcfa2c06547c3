package dev.flywheel.store.duckdb;

import dev.flywheel.analysis.LoggedSlate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's decision log of one loop as slates for off-policy evaluation, with the rewards the
 * outcome join computed: each served item's reward is its outcome's (the loop's reward weights, its
 * attribution window, its ignore penalty), so OPE and training value feedback the same way. Exposures
 * (items shown without a logged decision) have no propensity and are left out; decisions whose
 * outcomes have not closed yet are not in the table.
 *
 * <p>Two queries in one snapshot: the item dictionary, and the outcome rows sorted by decision time,
 * decision and position; Java groups consecutive rows into slates. Rows carry an item number and a
 * hash of the decision id rather than strings: reading a string per row over JDBC took 3/4 of the
 * fetch of 1M rows (0.7-1.1 s against 0.22 s).
 */
public final class DuckDbOpeSource {
    private DuckDbOpeSource() { }

    /** Calls {@code sink} once per decision of {@code loop} with closed outcomes, oldest first; returns the number of slates. */
    public static long slates(Connection c, String loop, Consumer<LoggedSlate> sink) throws SQLException {
        return slates(c, loop, false, sink);
    }

    /**
     * As above; with {@code origins}, each slate also carries its decision's user, time and candidates
     * (a string list per decision: slower, only for targets that re-score the candidates).
     */
    public static long slates(Connection c, String loop, boolean origins, Consumer<LoggedSlate> sink) throws SQLException {
        if (loop == null || loop.isBlank()) {
            throw new IllegalArgumentException("--loop is required");
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // one snapshot for the dictionary and the rows that refer to it
        try {
            String[] names = dictionary(c, loop);
            try (PreparedStatement p = c.prepareStatement(origins ? ROWS_WITH_ORIGINS : ROWS)) {
                p.setString(1, loop);
                try (ResultSet r = p.executeQuery()) {
                    return group(r, names, origins, sink);
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
        }
    }

    /** The loop's served items, numbered in sorted order. */
    private static String[] dictionary(Connection c, String loop) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(DICTIONARY + "SELECT item FROM dict ORDER BY a")) {
            p.setString(1, loop);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) names.add(r.getString(1));
            }
        }
        return names.toArray(String[]::new);
    }

    private static final String LOGGED = "loop = $1 AND propensity IS NOT NULL";

    // INTEGER casts: DuckDB's JDBC getInt on a BIGINT goes through getObject (a box per call)
    private static final String DICTIONARY = "WITH dict AS (SELECT item, (row_number() OVER (ORDER BY item) - 1)::INTEGER AS a "
            + "FROM (SELECT DISTINCT item FROM outcomes WHERE " + LOGGED + ")) ";

    private static final String ROWS = DICTIONARY
            + "SELECT epoch_us(o.decided_at), (hash(o.decision_id) >> 1)::BIGINT, o.position, dict.a, o.score, o.propensity, "
            + "o.reward, o.candidates FROM outcomes o JOIN dict ON dict.item = o.item WHERE o." + LOGGED.replace("propensity", "o.propensity")
            + " ORDER BY o.decided_at, o.decision_id, o.position";

    private static final String ROWS_WITH_ORIGINS = DICTIONARY
            + "SELECT epoch_us(o.decided_at), (hash(o.decision_id) >> 1)::BIGINT, o.position, dict.a, o.score, o.propensity, "
            + "o.reward, o.candidates, o.user_id, d.candidates FROM outcomes o JOIN dict ON dict.item = o.item "
            + "JOIN decisions d ON d.id = o.decision_id WHERE o." + LOGGED.replace("propensity", "o.propensity")
            + " ORDER BY o.decided_at, o.decision_id, o.position";

    private static long group(ResultSet r, String[] names, boolean origins, Consumer<LoggedSlate> sink)
            throws SQLException {
        Rows rows = new Rows();
        long slates = 0;
        long at = Long.MIN_VALUE;
        long id = 0;
        while (r.next()) {
            long us = r.getLong(1);
            long hash = r.getLong(2);
            if (us != at || hash != id) { // a new decision: its own columns are read once, not per served row
                if (!rows.items.isEmpty()) {
                    sink.accept(rows.slate());
                    slates++;
                }
                rows.candidates = r.getInt(8);
                rows.origin = origins ? origin(r, us) : null;
                at = us;
                id = hash;
            }
            double score = r.getDouble(5);
            if (r.wasNull()) {
                score = Double.NaN;
            }
            rows.add(r.getInt(3), names[r.getInt(4)], score, r.getDouble(6), r.getDouble(7));
        }
        if (!rows.items.isEmpty()) {
            sink.accept(rows.slate());
            slates++;
        }
        return slates;
    }

    private static LoggedSlate.Origin origin(ResultSet r, long us) throws SQLException {
        Object[] candidates = (Object[]) r.getArray(10).getArray();
        List<String> pool = new ArrayList<>(candidates.length);
        for (Object x : candidates) {
            pool.add((String) x);
        }
        return new LoggedSlate.Origin(r.getString(9), Instant.EPOCH.plus(us, ChronoUnit.MICROS), pool);
    }

    /** The rows of the slate being read, in primitive arrays reused across slates. */
    private static final class Rows {
        final List<String> items = new ArrayList<>();
        int[] positions = new int[8];
        double[] scores = new double[8];
        double[] props = new double[8];
        double[] rewards = new double[8];
        int candidates;
        LoggedSlate.Origin origin;

        void add(int position, String item, double score, double propensity, double reward) {
            int k = items.size();
            if (k == positions.length) {
                positions = Arrays.copyOf(positions, k * 2);
                scores = Arrays.copyOf(scores, k * 2);
                props = Arrays.copyOf(props, k * 2);
                rewards = Arrays.copyOf(rewards, k * 2);
            }
            items.add(item);
            positions[k] = position;
            scores[k] = score;
            props[k] = propensity;
            rewards[k] = reward;
        }

        /** The slate copies the first k entries, so the arrays can be refilled at once. */
        LoggedSlate slate() {
            int k = items.size();
            LoggedSlate s = new LoggedSlate(items, Arrays.copyOf(positions, k), Arrays.copyOf(scores, k),
                    Arrays.copyOf(props, k), Arrays.copyOf(rewards, k), candidates, origin);
            items.clear();
            return s;
        }
    }
}
