package dev.flywheel.cli.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain, column-aligned text table for terminal output. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = format(cells[i]);
        }
        rows.add(r);
        return this;
    }

    /** Numbers with 4 significant digits (6 for tiny ones), JSON nodes unwrapped, null as "-". */
    static String format(Object cell) {
        if (cell instanceof JsonNode n) {
            cell = n.isNull() || n.isMissingNode() ? null : n.isNumber() ? (Object) n.asDouble() : n.asText();
        }
        if (cell == null) {
            return "-";
        }
        if (cell instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.0f", d)
                    : String.format(Locale.ROOT, "%.4g", d);
        }
        return cell.toString();
    }

    static String interval(JsonNode node, String low, String high) {
        return "[" + format(node.get(low)) + ", " + format(node.get(high)) + "]";
    }

    @Override
    public String toString() {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? String.format("%-" + width[c] + "s", r[c]) : String.format("  %" + width[c] + "s", r[c]));
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
