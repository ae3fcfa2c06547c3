package dev.flywheel.model.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loop's interactions — (user, item, weight, time) in arrival order — as append-only primitive
 * columns, with users and items numbered in order of first appearance, and each user's most recent
 * interactions at hand for scoring.
 *
 * <p>One writer (the log runner) appends; any thread reads. Columns and histories are published as
 * immutable views over arrays that only grow: a reader sees a consistent prefix without locks, and a
 * batch trainer reads the prefix of its snapshot while the writer goes on appending.
 */
public final class Interactions {
    /** A consistent prefix of the columns: rows [0, size). */
    public record Columns(int[] user, int[] item, float[] weight, long[] millis, int size, int users, int items) { }

    /** One user's most recent interactions, oldest first: entries [0, size). */
    public record History(int[] item, float[] weight, long[] millis, int size) {
        static final History EMPTY = new History(new int[0], new float[0], new long[0], 0);
    }

    private final int recent;
    private final Map<String, Integer> userIndex = new ConcurrentHashMap<>();
    private final Map<String, Integer> itemIndex = new ConcurrentHashMap<>();
    private String[] itemNames = new String[16];
    private volatile String[] itemNamesView = itemNames;
    private volatile Columns columns = new Columns(new int[16], new int[16], new float[16], new long[16], 0, 0, 0);
    private final Map<Integer, History> histories = new ConcurrentHashMap<>();

    /** @param recent how many of each user's latest interactions are kept for scoring */
    public Interactions(int recent) {
        if (recent < 1) throw new IllegalArgumentException("recent must be >= 1");
        this.recent = recent;
    }

    /** Appends one interaction; only the writer calls this. */
    public void append(String user, String item, float weight, long millis) {
        Columns c = columns;
        int u = userIndex.computeIfAbsent(user, k -> userIndex.size());
        int i = itemIndex.computeIfAbsent(item, k -> newItem(k));
        int n = c.size();
        int[] us = c.user();
        int[] is = c.item();
        float[] ws = c.weight();
        long[] ms = c.millis();
        if (n == us.length) {
            int size = n * 2;
            us = Arrays.copyOf(us, size);
            is = Arrays.copyOf(is, size);
            ws = Arrays.copyOf(ws, size);
            ms = Arrays.copyOf(ms, size);
        }
        us[n] = u;
        is[n] = i;
        ws[n] = weight;
        ms[n] = millis;
        columns = new Columns(us, is, ws, ms, n + 1, userIndex.size(), itemIndex.size());
        remember(u, i, weight, millis);
    }

    private int newItem(String item) {
        int i = itemIndex.size();
        if (i == itemNames.length) itemNames = Arrays.copyOf(itemNames, i * 2);
        itemNames[i] = item;
        itemNamesView = itemNames;
        return i;
    }

    /** Keeps the user's latest {@code recent} (up to twice that before the oldest half is dropped). */
    private void remember(int user, int item, float weight, long millis) {
        History h = histories.getOrDefault(user, History.EMPTY);
        int n = h.size();
        int[] is = h.item();
        float[] ws = h.weight();
        long[] ms = h.millis();
        if (n == is.length) {
            int max = 2 * recent;
            int from = n < max ? 0 : n - recent;
            int size = n < max ? Math.min(max, Math.max(4, n * 2)) : max;
            is = Arrays.copyOfRange(is, from, from + size);
            ws = Arrays.copyOfRange(ws, from, from + size);
            ms = Arrays.copyOfRange(ms, from, from + size);
            n -= from;
        }
        is[n] = item;
        ws[n] = weight;
        ms[n] = millis;
        histories.put(user, new History(is, ws, ms, n + 1));
    }

    /**
     * Drops every interaction of {@code users}; only the writer calls this. The kept rows are copied
     * to new arrays, so a reader (a training) holding the earlier columns reads them unchanged. The
     * users keep their numbers, with no interactions: every other number stays what it was.
     */
    public void forget(Set<String> users) {
        Set<Integer> gone = new HashSet<>();
        for (String user : users) {
            Integer u = userIndex.get(user);
            if (u != null) gone.add(u);
        }
        if (gone.isEmpty()) return;
        Columns c = columns;
        int[] us = new int[c.user().length];
        int[] is = new int[us.length];
        float[] ws = new float[us.length];
        long[] ms = new long[us.length];
        int n = 0;
        for (int r = 0; r < c.size(); r++) {
            if (gone.contains(c.user()[r])) continue;
            us[n] = c.user()[r];
            is[n] = c.item()[r];
            ws[n] = c.weight()[r];
            ms[n] = c.millis()[r];
            n++;
        }
        columns = new Columns(us, is, ws, ms, n, c.users(), c.items());
        gone.forEach(histories::remove);
    }

    /**
     * The interactions in a checkpoint: the users and items by number (forgotten users keep theirs),
     * the rows, and each user's history with its array's length, since when a history's array fills
     * decides which of its oldest entries are dropped. Only the writer calls this.
     */
    public void writeState(StateWriter out) {
        Columns c = columns;
        String[] users = new String[userIndex.size()];
        userIndex.forEach((name, u) -> users[u] = name);
        out.putInt(recent).putStrings(Arrays.asList(users)).putStrings(Arrays.asList(itemNames).subList(0, c.items()));
        int n = c.size();
        out.putInt(n).putInts(c.user(), 0, n).putInts(c.item(), 0, n).putFloats(c.weight(), 0, n).putLongs(c.millis(), 0, n);
        Map<Integer, History> byUser = new TreeMap<>(histories);
        int[] user = new int[byUser.size()];
        int[] capacity = new int[user.length];
        int[] size = new int[user.length];
        int k = 0;
        for (var e : byUser.entrySet()) {
            user[k] = e.getKey();
            capacity[k] = e.getValue().item().length;
            size[k++] = e.getValue().size();
        }
        out.putInt(k).putInts(user, 0, k).putInts(capacity, 0, k).putInts(size, 0, k);
        for (History h : byUser.values()) out.putInts(h.item(), 0, h.size());
        for (History h : byUser.values()) out.putFloats(h.weight(), 0, h.size());
        for (History h : byUser.values()) out.putLongs(h.millis(), 0, h.size());
    }

    /** Restores what {@link #writeState} wrote into these interactions, which must hold none yet. */
    public void readState(StateReader in) {
        if (!userIndex.isEmpty() || !itemIndex.isEmpty()) throw new IllegalStateException("interactions restored over others");
        int written = in.getInt();
        if (written != recent) throw new IllegalStateException("interactions kept " + written + " recent per user, configured " + recent);
        for (String user : in.getStrings()) {
            if (userIndex.putIfAbsent(user, userIndex.size()) != null) throw new IllegalStateException("user " + user + " twice");
        }
        for (String item : in.getStrings()) {
            if (itemIndex.containsKey(item)) throw new IllegalStateException("item " + item + " twice");
            itemIndex.put(item, newItem(item));
        }
        int n = in.count();
        int[] us = roomy(in.getInts(n));
        int[] is = roomy(in.getInts(n));
        float[] ws = in.getFloats(n);
        long[] ms = in.getLongs(n);
        if (ws.length < 16) {
            ws = Arrays.copyOf(ws, 16);
            ms = Arrays.copyOf(ms, 16);
        }
        checkAll(us, n, userIndex.size(), "user");
        checkAll(is, n, itemIndex.size(), "item");
        columns = new Columns(us, is, ws, ms, n, userIndex.size(), itemIndex.size());
        readHistories(in);
    }

    /** At least 16 long (an empty column must be able to grow by doubling). */
    private static int[] roomy(int[] a) {
        return a.length < 16 ? Arrays.copyOf(a, 16) : a;
    }

    private static void checkAll(int[] numbers, int n, int size, String what) {
        for (int k = 0; k < n; k++) index(numbers[k], size, what);
    }

    /** Users, their arrays' lengths and sizes, then every history's items, weights and times, in user order. */
    private void readHistories(StateReader in) {
        int h = in.count();
        int[] user = in.getInts(h);
        int[] capacity = in.getInts(h);
        int[] size = in.getInts(h);
        long total = 0;
        for (int k = 0; k < h; k++) {
            index(user[k], userIndex.size(), "user");
            if (size[k] < 0 || size[k] > capacity[k]) throw new IllegalStateException("a history of " + size[k] + " in an array of " + capacity[k]);
            total += size[k];
        }
        if (total > Integer.MAX_VALUE) throw new IllegalStateException("histories of " + total + " interactions");
        int[] items = in.getInts((int) total);
        float[] weights = in.getFloats((int) total);
        long[] millis = in.getLongs((int) total);
        checkAll(items, items.length, itemIndex.size(), "item");
        for (int k = 0, at = 0; k < h; at += size[k], k++) {
            int[] is = new int[capacity[k]];
            float[] ws = new float[capacity[k]];
            long[] ms = new long[capacity[k]];
            System.arraycopy(items, at, is, 0, size[k]);
            System.arraycopy(weights, at, ws, 0, size[k]);
            System.arraycopy(millis, at, ms, 0, size[k]);
            histories.put(user[k], new History(is, ws, ms, size[k]));
        }
    }

    private static int index(int i, int size, String what) {
        if (i < 0 || i >= size) throw new IllegalStateException(what + " " + i + " outside [0, " + size + ")");
        return i;
    }

    public Columns columns() {
        return columns;
    }

    /** The user's latest interactions; empty for a user never seen. */
    public History history(String user) {
        Integer u = userIndex.get(user);
        return u == null ? History.EMPTY : histories.getOrDefault(u, History.EMPTY);
    }

    /** The user's number, or -1 for a user never seen. */
    public int user(String user) {
        Integer u = userIndex.get(user);
        return u == null ? -1 : u;
    }

    /** The item's number, or -1 for an item never seen. */
    public int item(String item) {
        Integer i = itemIndex.get(item);
        return i == null ? -1 : i;
    }

    /** The id of item number {@code i}. */
    public String itemName(int i) {
        return itemNamesView[i];
    }
}
