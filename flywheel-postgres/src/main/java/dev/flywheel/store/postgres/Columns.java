package dev.flywheel.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows gathered column by column and inserted by one statement that unnests an array per column:
 * one round trip and one parse per batch, where a batch of INSERTs costs the server a statement per
 * few rows. {@code types} are the columns' PostgreSQL types, in the table's order.
 */
final class Columns {
    private final String table;
    private final String[] types;
    private final List<List<Object>> columns = new ArrayList<>();
    private int at;

    Columns(String table, String... types) {
        this.table = table;
        this.types = types;
        for (int i = 0; i < types.length; i++) columns.add(new ArrayList<>());
    }

    /** Adds the next value of the row being built; a row is complete after one value per column. */
    Columns add(Object value) {
        columns.get(at).add(value);
        at = (at + 1) % types.length;
        return this;
    }

    /**
     * A {@code timestamptz} value, sent as microseconds since the epoch (cut, not rounded: see
     * {@link Sql#instant}); a number costs the server less than parsing a timestamp's text.
     */
    Columns add(Instant t) {
        return add((Object) (t == null ? null : Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000)));
    }

    int rows() {
        return columns.get(0).size();
    }

    /** Inserts the rows gathered, if any, and starts over. */
    void insert(Connection c) throws SQLException {
        if (at != 0) throw new IllegalStateException(table + ": a row is incomplete");
        if (rows() == 0) return;
        try (PreparedStatement p = c.prepareStatement(sql())) {
            for (int i = 0; i < types.length; i++) {
                p.setArray(i + 1, c.createArrayOf(arrayType(types[i]), columns.get(i).toArray()));
                columns.get(i).clear();
            }
            p.executeUpdate();
        }
    }

    /** {@code INSERT INTO t SELECT c1, ... FROM unnest(?::type[], ...) AS u (c1, ...)}, timestamps made from microseconds. */
    private String sql() {
        StringBuilder select = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            String sep = i == 0 ? "" : ", ";
            boolean time = types[i].equals("timestamptz");
            select.append(sep).append(time ? "timestamptz 'epoch' + c" + i + " * interval '1 microsecond'" : "c" + i);
            arrays.append(sep).append("?::").append(arrayType(types[i])).append("[]");
            names.append(sep).append("c").append(i);
        }
        return "INSERT INTO " + table + " SELECT " + select + " FROM unnest(" + arrays + ") AS u (" + names + ")";
    }

    /** What the driver sends the values as. */
    private static String arrayType(String type) {
        return switch (type) {
            case "int8", "int4", "float8", "bool" -> type;
            case "timestamptz" -> "int8";
            default -> "text";
        };
    }
}
