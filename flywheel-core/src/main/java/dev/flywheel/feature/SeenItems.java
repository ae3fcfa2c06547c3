package dev.flywheel.feature;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What one user was shown and what they judged, each remembered with its earliest time so that a
 * question about time t is answered as of t. A disliked item is never eligible again for the user.
 *
 * <p>Held flat: the user's items sorted by id, with three times per item (shown, judged, disliked)
 * as seconds and nanos, a nano of -1 where there is none. A history holds one entry per user and
 * item shown; as maps of Instants that was a map node and an Instant per entry, millions of objects
 * for the collector to walk, and every write sorted the keys again (docs/performance.md). The bytes
 * are those the maps wrote: each of the three lists in item order.
 */
public final class SeenItems {
    private static final int SHOWN = 0;
    private static final int JUDGED = 1;
    private static final int DISLIKED = 2;
    private static final int TIMES = 3;
    private static final int NONE = -1;
    private static final String[] NO_ITEMS = new String[0];
    private static final long[] NO_SECONDS = new long[0];
    private static final int[] NO_NANOS = new int[0];
    private String[] items = NO_ITEMS;
    private long[] seconds = NO_SECONDS;
    private int[] nanos = NO_NANOS;
    private int n;

    public void shown(String item, Instant at) {
        keepEarlier(slotOf(item), SHOWN, at);
    }

    /** An explicit judgement (like, dislike, rating…); a dislike also makes the item ineligible. */
    public void judged(String item, boolean dislike, Instant at) {
        int i = slotOf(item);
        keepEarlier(i, JUDGED, at);
        if (dislike) keepEarlier(i, DISLIKED, at);
    }

    /** The items judged, for tests. */
    Set<String> judgedItems() {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) if (nanos[i * TIMES + JUDGED] != NONE) out.add(items[i]);
        return out;
    }

    void writeState(StateWriter out) {
        for (int which = SHOWN; which <= DISLIKED; which++) {
            int count = 0;
            for (int i = 0; i < n; i++) if (nanos[i * TIMES + which] != NONE) count++;
            out.putInt(count);
            for (int i = 0; i < n; i++) {
                int t = i * TIMES + which;
                if (nanos[t] != NONE) out.putString(items[i]).putInstant(seconds[t], nanos[t]);
            }
        }
    }

    /** Reads what {@link #writeState} wrote, each item id replaced by {@code itemIds}' instance of it. */
    void readState(StateReader in, UnaryOperator<String> itemIds) {
        for (int which = SHOWN; which <= DISLIKED; which++) {
            for (int i = in.count(); i > 0; i--) {
                String item = itemIds.apply(in.getString());
                Instant at = in.getInstant();
                if (at != null) keepEarlier(slotOf(item), which, at);
            }
        }
    }

    public boolean wasShown(String item, Instant t) {
        return atOrBefore(item, SHOWN, t);
    }

    public boolean wasJudged(String item, Instant t) {
        return atOrBefore(item, JUDGED, t);
    }

    public boolean eligible(String item, Instant t) {
        return !atOrBefore(item, DISLIKED, t);
    }

    private boolean atOrBefore(String item, int which, Instant t) {
        int i = Arrays.binarySearch(items, 0, n, item);
        if (i < 0) return false;
        int s = i * TIMES + which;
        return nanos[s] != NONE && DecayedCount.compare(seconds[s], nanos[s], t) <= 0;
    }

    private void keepEarlier(int i, int which, Instant at) {
        int s = i * TIMES + which;
        if (nanos[s] != NONE && DecayedCount.compare(seconds[s], nanos[s], at) <= 0) return;
        seconds[s] = at.getEpochSecond();
        nanos[s] = at.getNano();
    }

    /** The index of {@code item}, inserted in order with no times when it is new. */
    private int slotOf(String item) {
        int i = Arrays.binarySearch(items, 0, n, item);
        if (i >= 0) return i;
        i = -i - 1;
        if (n == items.length) grow();
        System.arraycopy(items, i, items, i + 1, n - i);
        System.arraycopy(seconds, i * TIMES, seconds, (i + 1) * TIMES, (n - i) * TIMES);
        System.arraycopy(nanos, i * TIMES, nanos, (i + 1) * TIMES, (n - i) * TIMES);
        items[i] = item;
        Arrays.fill(nanos, i * TIMES, (i + 1) * TIMES, NONE);
        n++;
        return i;
    }

    private void grow() {
        int size = Math.max(4, n * 2);
        items = Arrays.copyOf(items, size);
        seconds = Arrays.copyOf(seconds, size * TIMES);
        nanos = Arrays.copyOf(nanos, size * TIMES);
    }
}
