package dev.flywheel.store.duckdb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The per-user columns that experiment metrics name. A metric is a term or {@code num/den} of two
 * terms; a term is {@code exposures} (decisions of the loop), an event type (its count per user) or
 * {@code type:value} (the sum of the event values of that type per user).
 */
record MetricTerms(List<String> terms) {
    static final String EXPOSURES = "exposures";
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    MetricTerms {
        terms = List.copyOf(terms);
    }

    static MetricTerms of(List<String> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            throw new IllegalArgumentException("--metric: at least one metric is required");
        }
        Set<String> terms = new LinkedHashSet<>();
        for (String metric : metrics) {
            String[] parts = metric.split("/", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("--metric '" + metric + "': use a term or num/den");
            }
            for (String part : parts) {
                terms.add(validate(metric, part.trim()));
            }
        }
        return new MetricTerms(new ArrayList<>(terms));
    }

    private static String validate(String metric, String term) {
        String type = type(term);
        if (!TYPE.matcher(type).matches() || (term.contains(":") && !term.endsWith(":value"))) {
            throw new IllegalArgumentException("--metric '" + metric + "': term '" + term
                    + "' must be exposures, an event type or type:value");
        }
        return term;
    }

    static String type(String term) {
        int colon = term.indexOf(':');
        return colon < 0 ? term : term.substring(0, colon);
    }

    static boolean isValueSum(String term) {
        return term.endsWith(":value");
    }

    /** The event types the terms need (not exposures). */
    List<String> eventTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (String t : terms) {
            if (!t.equals(EXPOSURES)) {
                types.add(type(t));
            }
        }
        return new ArrayList<>(types);
    }
}
