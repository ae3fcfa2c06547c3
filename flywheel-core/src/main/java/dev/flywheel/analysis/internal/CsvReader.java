package dev.flywheel.analysis.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 reader: comma-separated, fields optionally quoted with '"' ("" escapes a quote, quoted
 * fields may hold commas and line breaks), records end with CRLF, LF or CR. A UTF-8 byte-order mark
 * is skipped. The whole file is parsed in memory: analysis inputs are CSV exports of a few MB.
 */
public final class CsvReader {
    private CsvReader() {
    }

    public static List<String[]> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * A state machine over characters; kept in one method because splitting the quote/line-break states
     * across methods would hide how they interact.
     */
    public static List<String[]> parse(String text) {
        List<String[]> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        boolean quoted = false;
        boolean fieldStarted = false;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, fields, field, fieldStarted);
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException("CSV ends inside a quoted field (unbalanced '\"')");
        }
        endRecord(records, fields, field, fieldStarted);
        return records;
    }

    private static void endRecord(List<String[]> records, List<String> fields, StringBuilder field, boolean started) {
        if (started || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(fields.toArray(new String[0]));
        }
        fields.clear();
        field.setLength(0);
    }
}
