package dev.flywheel.flink;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables both shapes keep, exported from their database as text rows sorted by identity (the
 * identity's columns come first in each row), the same query on the embedded DuckDB file and on
 * the PostgreSQL schema the job's sinks wrote; only the dialect's time and array functions differ.
 * The metric aggregates are each database's own sums over its outcomes, compared to 10 significant
 * digits (the two add in different orders).
 */
final class ExportedTables {
    enum Dialect {
        DUCKDB("epoch_us(%s)", "list_contains(reactions, '%s')"),
        POSTGRES("(extract(epoch FROM %s) * 1000000)::bigint", "'%s' = ANY (reactions)");

        final String micros;
        final String reacted;

        Dialect(String micros, String reacted) {
            this.micros = micros;
            this.reacted = reacted;
        }
    }

    private ExportedTables() { }

    static Map<String, List<List<String>>> export(Connection c, Dialect d) throws SQLException {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        out.put("outcomes", rows(c, "SELECT decision_id, item, ordinal, loop, user_id, position, propensity, score, model, arm, "
                + d.micros.formatted("decided_at") + ", candidates, reactions, reward, ignored, late_count FROM outcomes", false));
        out.put("unjoined", rows(c, "SELECT id, reason, for_decision, ordinal, type, " + d.micros.formatted("ts")
                + ", user_id, session_id, decision_id, loop, item, value, props FROM unjoined", false));
        out.put("decision_features", rows(c, "SELECT decision_id, position, seq, loop, item, features FROM decision_features", false));
        out.put("metrics", rows(c, "SELECT loop, model, arm, count(*), count(DISTINCT decision_id), sum(reward), avg(reward), "
                + "count(*) FILTER (WHERE " + d.reacted.formatted("like") + "), count(*) FILTER (WHERE " + d.reacted.formatted("click")
                + "), count(*) FILTER (WHERE " + d.reacted.formatted("dislike") + "), count(*) FILTER (WHERE ignored), "
                + "sum(late_count) FROM outcomes GROUP BY loop, model, arm", true));
        return out;
    }

    static List<List<String>> rows(Connection c, String sql, boolean aggregates) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) row.add(text(r.getObject(i), aggregates));
                out.add(row);
            }
        }
        out.sort(ExportedTables::compare);
        return out;
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** A value as the same text whichever driver read it. */
    private static String text(Object v, boolean aggregate) throws SQLException {
        if (v == null) return "null";
        if (v instanceof Array a) return text(a.getArray(), aggregate);
        if (v instanceof Object[] a) {
            List<String> items = new ArrayList<>();
            for (Object o : a) items.add(text(o, aggregate));
            return items.toString();
        }
        if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            return aggregate ? "%.10g".formatted(x) : Double.toString(x);
        }
        if (v instanceof Number x) return x instanceof java.math.BigDecimal b ? b.stripTrailingZeros().toPlainString() : Long.toString(x.longValue());
        return v.toString();
    }
}
