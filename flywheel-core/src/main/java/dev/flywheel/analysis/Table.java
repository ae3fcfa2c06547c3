package dev.flywheel.analysis;

import dev.flywheel.analysis.internal.CsvReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only table with a header row, as read from a CSV export (text columns) or built from a
 * store query (text and numeric columns, so millions of per-user values never pass through strings).
 * Column look-ups and numeric conversions fail with messages naming the column (and row), because
 * these messages reach the analyst unchanged.
 */
public final class Table {
    private final List<String> header;
    private final List<String[]> rows;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, double[]> numeric;
    private final Map<String, String[]> text;
    private final int size;

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
        this.numeric = Map.of();
        this.text = Map.of();
        this.size = rows.size();
    }

    private Table(Map<String, String[]> text, Map<String, double[]> numeric) {
        List<String> names = new ArrayList<>(text.keySet());
        names.addAll(numeric.keySet());
        this.header = List.copyOf(names);
        this.rows = List.of();
        this.text = Map.copyOf(text);
        this.numeric = Map.copyOf(numeric);
        int n = -1;
        for (String name : names) {
            int len = text.containsKey(name) ? text.get(name).length : numeric.get(name).length;
            if (n >= 0 && len != n) {
                throw new IllegalArgumentException("column '" + name + "' has " + len + " rows, others have " + n);
            }
            n = len;
            if (index.putIfAbsent(name, index.size()) != null) {
                throw new IllegalArgumentException("column '" + name + "' is both a text and a numeric column");
            }
        }
        this.size = Math.max(n, 0);
    }

    /**
     * A table from whole columns (the arrays are not copied: the caller hands them over). Every column
     * must have the same length and a name no other column has.
     */
    public static Table ofColumns(Map<String, String[]> text, Map<String, double[]> numeric) {
        return new Table(new java.util.LinkedHashMap<>(text), new java.util.LinkedHashMap<>(numeric));
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
        return size;
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
        if (text.containsKey(name)) {
            return text.get(name).clone();
        }
        if (numeric.containsKey(name)) {
            double[] v = numeric.get(name);
            String[] out = new String[v.length];
            for (int r = 0; r < out.length; r++) {
                out[r] = Double.toString(v[r]);
            }
            return out;
        }
        String[] out = new String[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = rows.get(r)[c];
        }
        return out;
    }

    /** Parses a numeric column; "true"/"false" count as 1/0 so flag columns work as metrics. */
    public double[] doubles(String name) {
        int c = column(name);
        if (numeric.containsKey(name)) {
            return numeric.get(name).clone();
        }
        if (text.containsKey(name)) {
            return parseAll(name, text.get(name));
        }
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = parse(name, r, rows.get(r)[c].trim());
        }
        return out;
    }

    private static double[] parseAll(String name, String[] values) {
        double[] out = new double[values.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = parse(name, r, values[r].trim());
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
