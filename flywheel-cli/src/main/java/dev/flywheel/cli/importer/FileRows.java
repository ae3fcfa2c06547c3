package dev.flywheel.cli.importer;

import dev.flywheel.quality.RowBatch;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBStruct;

/**
 * A whole CSV or JSON-lines file as typed rows, read through the importer's DuckDB readers, for checks
 * that look at values as they are ({@code flywheel validate}). Column types are detected over the whole
 * file (not a sample), as pandas does, so a text value late in a number column makes the column text
 * instead of failing the read; empty cells and absent JSON keys are null. Values are Java types:
 * Long/Integer, Double, BigDecimal, String, Boolean, java.time dates; nested JSON as maps and lists.
 */
public final class FileRows {
    private FileRows() {
    }

    public static RowBatch csv(Path file, String option) {
        return read(file, option, "read_csv(" + path(file) + ", header=true, sample_size=-1)");
    }

    public static RowBatch jsonl(Path file, String option) {
        return read(file, option, "read_json(" + path(file) + ", format='newline_delimited', sample_size=-1)");
    }

    private static String path(Path file) {
        return Sql.literal(file.toAbsolutePath().toString());
    }

    private static RowBatch read(Path file, String option, String relation) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(option + ": no such file: " + file);
        try (DuckInput db = new DuckInput(); Statement s = db.connection().createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM " + relation)) {
            ResultSetMetaData md = r.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int c = 1; c <= md.getColumnCount(); c++) columns.add(md.getColumnLabel(c));
            List<Map<String, Object>> rows = new ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new HashMap<>(columns.size() * 2);
                for (int c = 0; c < columns.size(); c++) row.put(columns.get(c), plain(r.getObject(c + 1)));
                rows.add(row);
            }
            return new RowBatch(columns, rows);
        } catch (SQLException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + ": " + Sql.firstLine(e), e);
        }
    }

    /**
     * JDBC's types in the plain Java types the quality checks know; nested JSON stays nested (a map or a
     * list), so it is not mistaken for text by a type check.
     */
    private static Object plain(Object v) throws SQLException {
        if (v == null || v instanceof Number || v instanceof String || v instanceof Boolean) {
            return v instanceof BigInteger b && b.bitLength() < 64 ? b.longValue() : v;
        }
        if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime();
        if (v instanceof java.sql.Date d) return d.toLocalDate();
        if (v instanceof java.time.temporal.Temporal) return v;
        if (v instanceof UUID u) return u.toString();
        if (v instanceof Struct st) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((DuckDBStruct) st).getMap().entrySet()) out.put(e.getKey(), plain(e.getValue()));
            return out;
        }
        if (v instanceof Array a) {
            List<Object> out = new ArrayList<>();
            for (Object item : (Object[]) a.getArray()) out.add(plain(item));
            return out;
        }
        return v.toString();
    }
}
