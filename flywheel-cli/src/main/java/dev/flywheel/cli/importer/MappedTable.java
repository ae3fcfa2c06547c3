package dev.flywheel.cli.importer;

import dev.flywheel.config.ConfigException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The input after the mapping: one DuckDB table with a column per {@link Slot}, in file order
 * ({@code rowid} is the row's position among the rows DuckDB could read), built in one parallel pass
 * over the file. Reading it back is where bulk import spends its time, and DuckDB's JDBC driver
 * pays a native call per string value but none per number: text slots whose values repeat (users,
 * items, types) are therefore read as their DuckDB hash and looked up in a {@link Dictionary}
 * fetched once, which also lets the records share one String per distinct value. (An ENUM's codes
 * would do too, but casting to an ENUM cost five times more than hashing.)
 */
final class MappedTable {
    /** Dictionary-encode a text slot when each value repeats this often on average. */
    private static final int MIN_REPEATS = 4;
    private final DuckInput db;
    private final String table;
    private final List<Slot> slots;
    private final Dictionary[] dictionaries;
    private final long rows;

    private MappedTable(DuckInput db, String table, List<Slot> slots, long rows) {
        this.db = db;
        this.table = table;
        this.slots = List.copyOf(slots);
        this.dictionaries = new Dictionary[slots.size()];
        this.rows = rows;
    }

    /**
     * Evaluates the slots over every row of {@code relation}. An expression that compiled but fails on
     * some row (a cast of a value that does not fit) fails the whole statement; the slots are then
     * tried one by one, so the error names the mapping key.
     */
    static MappedTable create(DuckInput db, String table, String relation, List<Slot> slots) throws SQLException {
        try {
            return build(db, table, relation, slots);
        } catch (SQLException e) {
            for (Slot s : slots) blame(db, relation, s);
            throw e;
        }
    }

    private static void blame(DuckInput db, String relation, Slot s) {
        try {
            db.execute("SELECT count(" + cast(s) + ") FROM " + relation + " AS src");
        } catch (SQLException e) {
            throw new ConfigException(s.key() == null ? s.name() : s.key(), "fails on the data: " + Sql.firstLine(e));
        }
    }

    private static MappedTable build(DuckInput db, String table, String relation, List<Slot> slots) throws SQLException {
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE TABLE ").append(table).append(" AS SELECT ");
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            sql.append(i > 0 ? ", " : "").append(cast(s)).append(" AS ").append(Sql.ident(s.name()));
        }
        if (slots.isEmpty()) sql.append("1 AS one");
        db.execute(sql.append(" FROM ").append(relation).append(" AS src").toString());
        try (Statement s = db.connection().createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return new MappedTable(db, table, slots, r.getLong(1));
        }
    }

    private static String cast(Slot s) {
        String type = switch (s.type()) {
            case TEXT -> "VARCHAR";
            case LONG -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case BOOL -> "BOOLEAN";
        };
        return "CAST(" + s.sql() + " AS " + type + ")";
    }

    long rows() {
        return rows;
    }

    /** Chooses which text slots to read through a dictionary, and fetches those dictionaries. */
    void encodeRepeatedText() throws SQLException {
        List<Integer> text = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) if (slots.get(i).type() == Slot.Type.TEXT) text.add(i);
        if (text.isEmpty() || rows == 0) return;
        long[] distinct = approxDistinct(text);
        for (int k = 0; k < text.size(); k++) {
            if (distinct[k] > 0 && distinct[k] * MIN_REPEATS <= rows) dictionaries[text.get(k)] = dictionary(text.get(k), distinct[k]);
        }
    }

    private long[] approxDistinct(List<Integer> text) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int k = 0; k < text.size(); k++) {
            String col = Sql.ident(slots.get(text.get(k)).name());
            sql.append(k > 0 ? ", " : "").append("approx_count_distinct(").append(col).append(')');
        }
        try (Statement s = db.connection().createStatement(); ResultSet r = s.executeQuery(sql + " FROM " + table)) {
            r.next();
            long[] out = new long[text.size()];
            for (int k = 0; k < out.length; k++) out[k] = r.getLong(k + 1);
            return out;
        }
    }

    /** The column's distinct values, or null when two of them share a hash. */
    private Dictionary dictionary(int slot, long distinct) throws SQLException {
        String col = Sql.ident(slots.get(slot).name());
        Dictionary d = Dictionary.withRoomFor((int) Math.min(distinct + distinct / 4 + 16, 1 << 28));
        try (Statement s = db.connection().createStatement();
             ResultSet r = s.executeQuery("SELECT DISTINCT " + hashOf(col) + ", " + col + " FROM " + table
                     + " WHERE " + col + " IS NOT NULL")) {
            while (r.next()) {
                if (!d.put(r.getLong(1), r.getString(2))) return null;
            }
        }
        return d;
    }

    /** NULL stays NULL (DuckDB hashes NULL to a number like any value). */
    private static String hashOf(String col) {
        return "CASE WHEN " + col + " IS NOT NULL THEN CAST(hash(" + col + ") >> 1 AS BIGINT) END";
    }

    /** Reads the rows in {@code order} (SQL over the slot names and {@code rowid}). */
    MappedCursor open(String order) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT rowid");
        for (int i = 0; i < slots.size(); i++) {
            String col = Sql.ident(slots.get(i).name());
            sql.append(", ").append(dictionaries[i] == null ? col : hashOf(col));
        }
        sql.append(" FROM ").append(table).append(" ORDER BY ").append(order);
        return new MappedCursor(db.connection(), sql.toString(), slots, dictionaries);
    }

    void drop() throws SQLException {
        db.execute("DROP TABLE IF EXISTS " + table);
    }
}
