package dev.flywheel.feature;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one user was shown and what they judged, each remembered with its earliest time so that a
 * question about time t is answered as of t. A disliked item is never eligible again for the user.
 */
public final class SeenItems {
    private final Map<String, Instant> shown = new HashMap<>();
    private final Map<String, Instant> judged = new HashMap<>();
    private final Map<String, Instant> disliked = new HashMap<>();

    public void shown(String item, Instant at) {
        shown.merge(item, at, SeenItems::earlier);
    }

    /** An explicit judgement (like, dislike, rating…); a dislike also makes the item ineligible. */
    public void judged(String item, boolean dislike, Instant at) {
        judged.merge(item, at, SeenItems::earlier);
        if (dislike) disliked.merge(item, at, SeenItems::earlier);
    }

    /** The items judged, for tests. */
    java.util.Set<String> judgedItems() {
        return judged.keySet();
    }

    void writeState(dev.flywheel.state.StateWriter out) {
        for (Map<String, Instant> m : List.of(shown, judged, disliked)) {
            out.putInt(m.size());
            for (String item : dev.flywheel.state.SortedKeys.of(m)) out.putString(item).putInstant(m.get(item));
        }
    }

    /** Reads what {@link #writeState} wrote, each item id replaced by {@code itemIds}' instance of it. */
    void readState(dev.flywheel.state.StateReader in, java.util.function.UnaryOperator<String> itemIds) {
        for (Map<String, Instant> m : List.of(shown, judged, disliked)) {
            for (int i = in.count(); i > 0; i--) m.put(itemIds.apply(in.getString()), in.getInstant());
        }
    }

    public boolean wasShown(String item, Instant t) {
        return atOrBefore(shown.get(item), t);
    }

    public boolean wasJudged(String item, Instant t) {
        return atOrBefore(judged.get(item), t);
    }

    public boolean eligible(String item, Instant t) {
        return !atOrBefore(disliked.get(item), t);
    }

    private static boolean atOrBefore(Instant when, Instant t) {
        return when != null && !when.isAfter(t);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
