package dev.flywheel.analysis;

import dev.flywheel.analysis.internal.CsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only table of strings with a header row, as read from a CSV export. Column look-ups and
 * numeric conversions fail with messages naming the column (and row), because these messages reach the
 * analyst unchanged.
 */
public final class Table {
    private final List<String> header;
    private final List<String[]> rows;
    private final Map<String, Integer> index = new HashMap<>();

    public Table(List<String> header, List<String[]> rows) {
        this.header = List.copyOf(header);
        this.rows = new ArrayList<>(rows.size());
        for (int i = 0; i < this.header.size(); i++) {
            index.putIfAbsent(this.header.get(i), i);
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            if (row.length != this.header.size()) {
                throw new IllegalArgumentException("row " + (r + 1) + " has " + row.length + " fields, header has "
                        + this.header.size());
            }
            this.rows.add(row.clone());
        }
    }

    /** Reads a CSV file whose first record is the header. */
    public static Table read(Path file) throws IOException {
        List<String[]> records = CsvReader.read(file);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("CSV file " + file + " is empty (no header row)");
        }
        return new Table(List.of(records.get(0)), records.subList(1, records.size()));
    }

    public List<String> header() {
        return header;
    }

    public int size() {
        return rows.size();
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    public int column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("column '" + name + "' not found; columns are " + header);
        }
        return i;
    }

    public String[] strings(String name) {
        int c = column(name);
        String[] out = new String[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows.get(r)[c];
        }
        return out;
    }

    /** Parses a numeric column; "true"/"false" count as 1/0 so flag columns work as metrics. */
    public double[] doubles(String name) {
        int c = column(name);
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = parse(name, r, rows.get(r)[c].trim());
        }
        return out;
    }

    private static double parse(String name, int row, String s) {
        if (s.equalsIgnoreCase("true")) {
            return 1;
        }
        if (s.equalsIgnoreCase("false")) {
            return 0;
        }
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("column '" + name + "' row " + (row + 1) + ": '" + s
                + "' is not a finite number");
    }
}
