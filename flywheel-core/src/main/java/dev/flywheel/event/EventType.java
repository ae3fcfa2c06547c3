package dev.flywheel.event;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The name of an event type. Built-in types are listed in {@link #BUILT_IN}; a loop's config may
 * declare custom ones, which {@link EventTypes} knows about.
 */
public record EventType(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public static final List<String> BUILT_IN = List.of(
            "impression", "click", "like", "dislike", "dismiss", "dwell", "add_to_cart", "purchase",
            "rating", "resolved", "escalated", "reopened", "csat", "correction");

    /** Types whose meaning is a number: the event is useless without {@code value}. */
    public static final List<String> VALUED = List.of("dwell", "rating", "csat");

    /** Types whose value is an amount or a duration, never negative. */
    public static final List<String> NON_NEGATIVE = List.of("dwell", "purchase", "add_to_cart");

    public EventType {
        if (!validName(name)) {
            throw new IllegalArgumentException(
                    "event type must match [a-z][a-z0-9_]{0,63}, got " + name);
        }
    }

    /** Same language as {@link #NAME}, checked by hand: it runs for every ingested event. */
    public static boolean validName(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) return false;
        char first = name.charAt(0);
        if (first < 'a' || first > 'z') return false;
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
        }
        return true;
    }
}
