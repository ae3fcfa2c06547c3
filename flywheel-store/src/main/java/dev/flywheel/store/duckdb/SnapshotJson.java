package dev.flywheel.store.duckdb;

import dev.flywheel.model.TrainingSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's manifest as a flat JSON object (strings, numbers, null, arrays of strings): people
 * read it beside the Parquet file, and this module has no JSON library, so the shape is kept to
 * what this reader takes.
 */
final class SnapshotJson {
    private SnapshotJson() { }

    static String write(TrainingSnapshot s) {
        return "{\n  \"id\": " + str(s.id()) + ",\n  \"loop\": " + str(s.loop()) + ",\n  \"from_seq\": " + s.fromSeq()
                + ",\n  \"to_seq\": " + s.toSeq() + ",\n  \"from\": " + str(s.from()) + ",\n  \"to\": " + str(s.to())
                + ",\n  \"rows\": " + s.rows() + ",\n  \"schema\": " + list(s.schema()) + ",\n  \"features\": "
                + list(s.features()) + ",\n  \"created\": " + str(s.created()) + ",\n  \"excluded\": " + s.excluded() + "\n}\n";
    }

    private static String str(Object o) {
        if (o == null) return "null";
        return "\"" + o.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String list(List<String> l) {
        List<String> q = new ArrayList<>();
        for (String s : l) q.add(str(s));
        return "[" + String.join(", ", q) + "]";
    }

    @SuppressWarnings("unchecked")
    static TrainingSnapshot read(String json) {
        Map<String, Object> m = new Reader(json).object();
        return new TrainingSnapshot((String) m.get("id"), (String) m.get("loop"), num(m, "from_seq"), num(m, "to_seq"),
                instant(m.get("from")), instant(m.get("to")), num(m, "rows"), (List<String>) m.get("schema"),
                (List<String>) m.get("features"), instant(m.get("created")), m.containsKey("#excluded") ? num(m, "excluded") : 0);
    }

    private static long num(Map<String, Object> m, String k) {
        return Long.parseLong((String) m.get("#" + k));
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse((String) o);
    }

    /** Reads the manifest's shape; numbers are kept as text under {@code #key}. */
    private static final class Reader {
        private final String s;
        private int p;

        Reader(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            Map<String, Object> out = new HashMap<>();
            expect('{');
            while (peek() != '}') {
                String key = string();
                expect(':');
                char c = peek();
                if (c == '"') out.put(key, string());
                else if (c == '[') out.put(key, strings());
                else if (s.startsWith("null", p)) p += 4;
                else out.put("#" + key, number());
                if (peek() == ',') p++;
            }
            return out;
        }

        private List<String> strings() {
            List<String> out = new ArrayList<>();
            expect('[');
            while (peek() != ']') {
                out.add(string());
                if (peek() == ',') p++;
            }
            p++;
            return out;
        }

        private String number() {
            int start = p;
            while (p < s.length() && "-0123456789".indexOf(s.charAt(p)) >= 0) p++;
            return s.substring(start, p);
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (s.charAt(p) != '"') {
                char c = s.charAt(p++);
                b.append(c == '\\' ? s.charAt(p++) : c);
            }
            p++;
            return b.toString();
        }

        private char peek() {
            while (Character.isWhitespace(s.charAt(p))) p++;
            return s.charAt(p);
        }

        private void expect(char c) {
            if (peek() != c) throw new IllegalStateException("manifest: expected '" + c + "' at " + p);
            p++;
        }
    }
}
