package dev.flywheel.store.postgres;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/** Binding and reading the column types the adapters share. */
final class Sql {
    private Sql() { }

    /**
     * A {@code timestamptz} parameter. Cut to the microsecond, as the embedded store keeps it:
     * PostgreSQL would round the nanoseconds instead, and the two shapes must agree.
     */
    static void instant(PreparedStatement p, int i, Instant t) throws SQLException {
        if (t == null) p.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        else p.setObject(i, OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    static Instant instant(ResultSet r, int i) throws SQLException {
        OffsetDateTime t = r.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static void millis(PreparedStatement p, int i, long epochMillis) throws SQLException {
        instant(p, i, Instant.ofEpochMilli(epochMillis));
    }

    static void text(PreparedStatement p, int i, String s) throws SQLException {
        if (s == null) p.setNull(i, Types.VARCHAR); else p.setString(i, s);
    }

    static void number(PreparedStatement p, int i, Double d) throws SQLException {
        if (d == null) p.setNull(i, Types.DOUBLE); else p.setDouble(i, d);
    }

    static Double number(ResultSet r, int i) throws SQLException {
        double d = r.getDouble(i);
        return r.wasNull() ? null : d;
    }

    static void texts(PreparedStatement p, int i, List<String> values) throws SQLException {
        p.setArray(i, p.getConnection().createArrayOf("text", values.toArray()));
    }

    static List<String> texts(ResultSet r, int i) throws SQLException {
        Array a = r.getArray(i);
        return Arrays.stream((Object[]) a.getArray()).map(String.class::cast).toList();
    }

    static void doubles(PreparedStatement p, int i, double[] values) throws SQLException {
        Double[] boxed = new Double[values.length];
        for (int k = 0; k < values.length; k++) boxed[k] = values[k];
        p.setArray(i, p.getConnection().createArrayOf("float8", boxed));
    }

    static double[] doubles(ResultSet r, int i) throws SQLException {
        Object[] a = (Object[]) r.getArray(i).getArray();
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) out[k] = ((Number) a[k]).doubleValue();
        return out;
    }
}
