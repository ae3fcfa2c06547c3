package dev.flywheel.cli.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.quality.Expectation;
import dev.flywheel.quality.ExpectationResult;
import dev.flywheel.quality.SuiteResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A suite result as GX's validation result names its fields (flattened: each result's {@code result}
 * fields sit beside {@code success}), and as one line per expectation for people.
 */
final class ValidationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How many unexpected values a human line shows; the JSON has GX's 20. */
    private static final int SHOWN = 5;

    private ValidationJson() {
    }

    static ObjectNode json(SuiteResult r, long rows) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("suite", r.suiteName()).put("success", r.success());
        ObjectNode stats = root.putObject("statistics");
        stats.put("evaluated_expectations", r.evaluated()).put("successful_expectations", r.successful())
                .put("unsuccessful_expectations", r.unsuccessful());
        putNumber(stats, "success_percent", r.successPercent());
        stats.put("rows", rows);
        ArrayNode results = root.putArray("results");
        for (ExpectationResult e : r.results()) results.add(result(e));
        return root;
    }

    private static ObjectNode result(ExpectationResult r) {
        Expectation e = r.expectation();
        ObjectNode node = MAPPER.createObjectNode();
        ObjectNode config = node.putObject("expectation");
        config.put("type", e.type());
        config.set("kwargs", MAPPER.valueToTree(e.kwargs()));
        node.put("success", r.success());
        node.put("element_count", r.elementCount());
        if (e.columnMap()) {
            node.put("missing_count", r.missingCount());
            putNumber(node, "missing_percent", r.missingPercent());
            node.put("unexpected_count", r.unexpectedCount());
            putNumber(node, "unexpected_percent", r.unexpectedPercent());
            putNumber(node, "unexpected_percent_total", r.unexpectedPercentTotal());
            ArrayNode partial = node.putArray("partial_unexpected_list");
            for (Object v : r.partialUnexpectedList()) partial.add(MAPPER.valueToTree(plain(v)));
            ArrayNode index = node.putArray("partial_unexpected_index_list");
            r.unexpectedRows().stream().limit(ExpectationResult.PARTIAL_LIST_SIZE).forEach(index::add);
        } else {
            node.set("observed_value", MAPPER.valueToTree(plain(r.observedValue())));
        }
        if (r.problem() != null) {
            node.putObject("exception_info").put("raised_exception", true).put("exception_message", r.problem());
        }
        return node;
    }

    static String lines(SuiteResult r, long rows) {
        StringBuilder sb = new StringBuilder();
        for (ExpectationResult e : r.results()) sb.append(line(e)).append('\n');
        sb.append(String.format(Locale.ROOT, "suite %s: %d of %d expectations succeeded over %d rows",
                r.suiteName(), r.successful(), r.evaluated(), rows));
        return sb.toString();
    }

    private static String line(ExpectationResult r) {
        Expectation e = r.expectation();
        String head = (r.success() ? "PASS " : "FAIL ") + e + ": ";
        if (r.problem() != null) return head + r.problem();
        if (!e.columnMap()) {
            return head + (r.observedValue() == null ? "column present: " + r.success() : "observed " + r.observedValue());
        }
        String percent = r.unexpectedPercent() == null ? "no values" : String.format(Locale.ROOT, "%.4g %%", r.unexpectedPercent());
        String tail = r.unexpectedCount() == 0 ? "" : ", e.g. " + shown(r.partialUnexpectedList());
        return head + String.format(Locale.ROOT, "%d unexpected (%s) of %d rows, %d missing, mostly %s%s",
                r.unexpectedCount(), percent, r.elementCount(), r.missingCount(), e.mostly(), tail);
    }

    private static String shown(List<Object> values) {
        List<Object> few = values.subList(0, Math.min(SHOWN, values.size()));
        return few.stream().map(v -> v == null ? "null" : v instanceof String s ? "'" + s + "'" : v.toString()).toList().toString();
    }

    /** JSON's own types as they are (nested JSON stays nested); dates and times as their ISO text. */
    private static Object plain(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(ValidationJson::plain).toList();
        return v == null || v instanceof Number || v instanceof String || v instanceof Boolean ? v : v.toString();
    }

    private static void putNumber(ObjectNode node, String key, Double v) {
        if (v == null) node.putNull(key);
        else node.put(key, v);
    }
}
