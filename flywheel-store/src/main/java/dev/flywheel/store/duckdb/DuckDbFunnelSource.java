package dev.flywheel.store.duckdb;

import dev.flywheel.analysis.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one loop as a funnel table (user, step, time, group) for the core's funnel analysis.
 * The group is the arm or the model version of the decision the event names; events without a
 * decision fall in group {@code (none)}. Only the funnel's steps are read.
 */
public final class DuckDbFunnelSource {
    public static final String USER = "user";
    public static final String STEP = "step";
    public static final String TIME = "time";
    public static final String GROUP = "group";

    private DuckDbFunnelSource() { }

    /** @param groupBy {@code arm}, {@code model} or null for one group */
    public static Table events(Connection c, String loop, List<String> steps, String groupBy) throws SQLException {
        if (groupBy != null && !groupBy.equals("arm") && !groupBy.equals("model")) {
            throw new IllegalArgumentException("--by: with --data, group by arm or model, got " + groupBy);
        }
        String group = groupBy == null ? "'all'" : "coalesce(d." + groupBy + ", '(none)')";
        String marks = String.join(", ", steps.stream().map(s -> "?").toList());
        String sql = "SELECT e.user_id, e.type, strftime(e.ts, '%Y-%m-%dT%H:%M:%S.%gZ'), " + group
                + " FROM events e LEFT JOIN decisions d ON d.id = e.decision_id"
                + " WHERE coalesce(e.loop, d.loop) = ? AND e.type IN (" + marks + ") ORDER BY e.seq";
        List<String> users = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> times = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, loop);
            for (int i = 0; i < steps.size(); i++) p.setString(i + 2, steps.get(i));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    users.add(r.getString(1));
                    types.add(r.getString(2));
                    times.add(r.getString(3));
                    groups.add(r.getString(4));
                }
            }
        }
        Map<String, String[]> text = new LinkedHashMap<>();
        text.put(USER, users.toArray(String[]::new));
        text.put(STEP, types.toArray(String[]::new));
        text.put(TIME, times.toArray(String[]::new));
        text.put(GROUP, groups.toArray(String[]::new));
        return Table.ofColumns(text, Map.of());
    }
}
