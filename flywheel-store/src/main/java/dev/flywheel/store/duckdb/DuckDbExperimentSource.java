package dev.flywheel.store.duckdb;

import dev.flywheel.analysis.ArmMoments;
import dev.flywheel.analysis.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Experiment units of one loop from the embedded store: one row per user with their arm and one
 * column per metric term, aggregated by DuckDB (the events never cross into Java, only one row per
 * user does). A user's arm is the arm of their decisions in the loop; users who saw more than one arm
 * are counted as {@code mixed} and left out, since they belong to no arm. Events count when they name
 * the loop; users with events but no decision in the loop were never exposed and are not units.
 */
public final class DuckDbExperimentSource {
    /** The arm column of {@link Units#table()}; the metric columns are named by their terms. */
    public static final String ARM = "arm";

    private DuckDbExperimentSource() { }

    /** The units table (arm + term columns), the users counted, and the mixed users left out. */
    public record Units(Table table, long users, long mixedUsers) { }

    public static Units units(Connection c, String loop, List<String> metrics) throws SQLException {
        return units(c, loop, metrics, null);
    }

    /** The prefix of a term's pre-period column in {@link Units#table()}: {@code pre:like} for {@code like}. */
    public static final String PRE = "pre:";

    /**
     * As {@link #units(Connection, String, List)}; with a {@code prePeriod}, each term (but exposures)
     * also gets a column {@code pre:<term>}: the user's events of that type, in any loop (before their
     * first exposure they have no decision of this loop to react to), stamped in the {@code prePeriod}
     * before their first decision of the loop, excluded. That is the CUPED covariate of the metric.
     */
    public static Units units(Connection c, String loop, List<String> metrics, Duration prePeriod) throws SQLException {
        if (loop == null || loop.isBlank()) {
            throw new IllegalArgumentException("--loop is required");
        }
        if (prePeriod != null && (prePeriod.isNegative() || prePeriod.isZero())) {
            throw new IllegalArgumentException("--covariate-days must be positive, got " + prePeriod.toDays());
        }
        MetricTerms terms = MetricTerms.of(metrics);
        return inSnapshot(c, () -> {
            String[] arms = arms(c, loop);
            try (PreparedStatement p = c.prepareStatement(prePeriod == null ? sql(terms, true) : withPrePeriod(terms))) {
                p.setString(1, loop);
                if (prePeriod != null) {
                    p.setLong(2, prePeriod.toNanos() / 1_000);
                }
                try (ResultSet r = p.executeQuery()) {
                    return read(r, arms, columns(terms, prePeriod != null));
                }
            }
        });
    }

    private static List<String> columns(MetricTerms terms, boolean pre) {
        List<String> out = new ArrayList<>(terms.terms());
        if (pre) {
            terms.terms().stream().filter(t -> !t.equals(MetricTerms.EXPOSURES)).forEach(t -> out.add(PRE + t));
        }
        return out;
    }

    /** The units query plus, per term but exposures, the user's sum over the pre-period ($2 microseconds). */
    private static String withPrePeriod(MetricTerms terms) {
        StringBuilder aggs = new StringBuilder();
        StringBuilder select = new StringBuilder("SELECT x.arm");
        for (int t = 0; t < terms.terms().size(); t++) {
            select.append(", x.t").append(t);
        }
        int k = 0;
        for (String t : terms.terms()) {
            if (t.equals(MetricTerms.EXPOSURES)) {
                continue;
            }
            String type = "'" + MetricTerms.type(t) + "'"; // MetricTerms admits no quote
            aggs.append(k == 0 ? "" : ", ").append(MetricTerms.isValueSum(t)
                    ? "coalesce(sum(ev.value) FILTER (WHERE ev.type = " + type + "), 0) AS p" + k
                    : "count(*) FILTER (WHERE ev.type = " + type + ") AS p" + k);
            select.append(", coalesce(p.p").append(k).append(", 0)");
            k++;
        }
        String types = String.join(", ", terms.eventTypes().stream().map(x -> "'" + x + "'").toList());
        return "WITH f AS (SELECT user_id, min(ts) AS first FROM decisions WHERE loop = $1 GROUP BY user_id), "
                + "p AS (SELECT ev.user_id, " + aggs + " FROM events ev JOIN f USING (user_id) WHERE ev.type IN ("
                + types + ") AND ev.ts < f.first AND ev.ts >= f.first - to_microseconds($2) GROUP BY ev.user_id) "
                + select + " FROM (" + sql(terms, true).replace("SELECT CASE WHEN u.single THEN a.n END AS arm",
                        "SELECT u.user_id, CASE WHEN u.single THEN a.n END AS arm")
                + ") x LEFT JOIN p USING (user_id)";
    }

    /** The loop's arms in sorted order; units carry the arm's number, since a JDBC string per row is slow. */
    private static String[] arms(Connection c, String loop) throws SQLException {
        List<String> arms = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT arm FROM decisions WHERE loop = ? ORDER BY arm")) {
            p.setString(1, loop);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) arms.add(r.getString(1));
            }
        }
        return arms.toArray(String[]::new);
    }

    /** Per-arm moments of the units (see {@link ArmMoments}), the users counted, and the mixed users. */
    public record Moments(List<ArmMoments> arms, long users, long mixedUsers) { }

    /**
     * The units aggregated once more, per arm, in DuckDB: count, mean and sample variance of every
     * term and the sample covariance of each ratio metric's terms. Only one row per arm reaches Java,
     * which took the JDBC fetch of 300k per-user rows (0.3-0.5 s) out of the 10M-event report.
     */
    public static Moments moments(Connection c, String loop, List<String> metrics) throws SQLException {
        if (loop == null || loop.isBlank()) {
            throw new IllegalArgumentException("--loop is required");
        }
        MetricTerms terms = MetricTerms.of(metrics);
        List<String> ratios = metrics.stream().filter(m -> m.contains("/")).distinct().toList();
        StringBuilder sql = new StringBuilder("SELECT arm, count(*)");
        for (int t = 0; t < terms.terms().size(); t++) {
            sql.append(", avg(t").append(t).append("), coalesce(var_samp(t").append(t).append("), 0)");
        }
        for (String ratio : ratios) {
            String[] parts = ratio.split("/");
            sql.append(", coalesce(covar_samp(t").append(terms.terms().indexOf(parts[0].trim())).append(", t")
                    .append(terms.terms().indexOf(parts[1].trim())).append("), 0)");
        }
        // arms by name: a string per arm row costs nothing, and numbering them took a second scan of
        // the decisions plus the arm query (~0.17 s of CPU of ~1.4 s on 3.1M decisions, measured)
        sql.append(" FROM (").append(sql(terms, false)).append(") GROUP BY arm");
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            p.setString(1, loop);
            try (ResultSet r = p.executeQuery()) {
                return readMoments(r, terms.terms(), ratios);
            }
        }
    }

    private static Moments readMoments(ResultSet r, List<String> terms, List<String> ratios) throws SQLException {
        List<ArmMoments> arms = new ArrayList<>();
        long users = 0;
        long mixed = 0;
        while (r.next()) {
            String arm = r.getString(1);
            if (arm == null) {
                mixed = r.getLong(2);
                continue;
            }
            Map<String, Double> means = new LinkedHashMap<>();
            Map<String, Double> variances = new LinkedHashMap<>();
            Map<String, Double> covariances = new LinkedHashMap<>();
            int col = 3;
            for (String t : terms) {
                means.put(t, r.getDouble(col++));
                variances.put(t, r.getDouble(col++));
            }
            for (String ratio : ratios) covariances.put(ratio, r.getDouble(col++));
            arms.add(new ArmMoments(arm, r.getLong(2), means, variances, covariances));
            users += r.getLong(2);
        }
        return new Moments(arms, users, mixed);
    }

    /** A query that returns a value and may throw SQLException. */
    private interface Query<T> {
        T run() throws SQLException;
    }

    /** Runs the dictionary and the query that refers to it in one snapshot. */
    private static <T> T inSnapshot(Connection c, Query<T> query) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            return query.run();
        } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Per-user decisions joined to per-user event aggregates; both GROUP BYs run in DuckDB. The arm is
     * null for mixed users; with {@code armNumbers} it is the arm's number as {@link #arms} numbers them.
     */
    static String sql(MetricTerms terms, boolean armNumbers) {
        StringBuilder select = new StringBuilder(armNumbers ? "SELECT CASE WHEN u.single THEN a.n END AS arm"
                : "SELECT CASE WHEN u.single THEN u.arm END AS arm");
        List<String> aggs = new ArrayList<>();
        for (String t : terms.terms()) {
            if (t.equals(MetricTerms.EXPOSURES)) {
                select.append(", u.exposures AS t").append(terms.terms().indexOf(t));
                continue;
            }
            String col = "m" + aggs.size();
            String type = "'" + MetricTerms.type(t) + "'"; // MetricTerms admits no quote
            aggs.add(MetricTerms.isValueSum(t)
                    ? "coalesce(sum(value) FILTER (WHERE type = " + type + "), 0) AS " + col
                    : "count(*) FILTER (WHERE type = " + type + ") AS " + col);
            select.append(", coalesce(e.").append(col).append(", 0) AS t").append(terms.terms().indexOf(t));
        }
        // min = max instead of count(DISTINCT arm): a third of the time on 3M decisions (measured)
        String users = "WITH u AS (SELECT user_id, min(arm) AS arm, min(arm) = max(arm) AS single, count(*) AS exposures "
                + "FROM decisions WHERE loop = $1 GROUP BY user_id)";
        if (armNumbers) { // numbered as arms() numbers them
            users += ", a AS (SELECT arm, row_number() OVER (ORDER BY arm) - 1 AS n "
                    + "FROM (SELECT DISTINCT arm FROM decisions WHERE loop = $1))";
        }
        String units = armNumbers ? " FROM u JOIN a USING (arm)" : " FROM u";
        if (aggs.isEmpty()) {
            return users + " " + select + units;
        }
        String types = String.join(", ", terms.eventTypes().stream().map(x -> "'" + x + "'").toList());
        return users + ", e AS (SELECT user_id, " + String.join(", ", aggs) + " FROM events WHERE loop = $1 AND type IN ("
                + types + ") GROUP BY user_id) " + select + units + " LEFT JOIN e USING (user_id)";
    }

    private static Units read(ResultSet r, String[] names, List<String> terms) throws SQLException {
        List<String> arms = new ArrayList<>();
        double[][] cols = new double[terms.size()][1024];
        long mixed = 0;
        int n = 0;
        while (r.next()) {
            int arm = r.getInt(1);
            if (r.wasNull()) {
                mixed++;
                continue;
            }
            if (n == cols[0].length) {
                for (int t = 0; t < cols.length; t++) cols[t] = Arrays.copyOf(cols[t], n * 2);
            }
            arms.add(names[arm]);
            for (int t = 0; t < cols.length; t++) cols[t][n] = r.getDouble(t + 2);
            n++;
        }
        Map<String, double[]> numeric = new LinkedHashMap<>();
        for (int t = 0; t < cols.length; t++) numeric.put(terms.get(t), Arrays.copyOf(cols[t], n));
        Table table = Table.ofColumns(Map.of(ARM, arms.toArray(String[]::new)), numeric);
        return new Units(table, n, mixed);
    }
}
