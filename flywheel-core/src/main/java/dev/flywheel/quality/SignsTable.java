package dev.flywheel.quality;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The contamination monitor's counters: every user's signs, and per item the signs of each user who
 * saw it, in primitive columns. Users are numbered in order of their first sign; an item keeps one
 * row per user (the user's number and {@link #SIGNS} counters) in order of the user's first sign
 * on it. At ten million events that is millions of (item, user) rows: as objects and map entries a
 * start spent seconds allocating them again, as columns a restore reads arrays.
 */
final class SignsTable {
    /** Impressions, clicks, likes, dislikes, dwells, quick exits: the order of {@link ContaminationMonitor.Signs}. */
    static final int SIGNS = 6;
    private final Map<String, Integer> userNumbers = new HashMap<>();
    private String[] userNames = new String[16];
    private long[] userSigns = new long[16 * SIGNS];
    private int users;
    private final Map<String, ItemRows> items = new HashMap<>();

    /** One item's rows: users by number and their counters, with an index by user built when first needed. */
    private static final class ItemRows {
        int[] user;
        long[] signs;
        int n;
        /** Open addressing: user number + 1 at its slot, its row beside it; null until a lookup after a restore. */
        int[] index;

        ItemRows(int capacity) {
            user = new int[capacity];
            signs = new long[capacity * SIGNS];
        }

        int row(int u) {
            if (index == null || 4L * (n + 1) > index.length) reindex(Math.max(8, Integer.highestOneBit(Math.max(1, n)) * 4));
            int mask = index.length / 2 - 1;
            int s = (u * 0x9E3779B9 >>> 7) & mask;
            while (index[2 * s] != 0) {
                if (index[2 * s] == u + 1) return index[2 * s + 1];
                s = (s + 1) & mask;
            }
            if (n == user.length) {
                user = Arrays.copyOf(user, Math.max(4, n * 2));
                signs = Arrays.copyOf(signs, Math.max(4, n * 2) * SIGNS);
            }
            user[n] = u;
            index[2 * s] = u + 1;
            index[2 * s + 1] = n;
            return n++;
        }

        private void reindex(int slots) {
            index = new int[slots * 2];
            int mask = slots - 1;
            for (int r = 0; r < n; r++) {
                int s = (user[r] * 0x9E3779B9 >>> 7) & mask;
                while (index[2 * s] != 0) s = (s + 1) & mask;
                index[2 * s] = user[r] + 1;
                index[2 * s + 1] = r;
            }
        }
    }

    /** Adds {@code by} to counter {@code sign} of {@code user} and of ({@code item}, {@code user}). */
    void add(String user, String item, int sign, long by) {
        int u = user(user);
        userSigns[u * SIGNS + sign] += by;
        ItemRows rows = items.computeIfAbsent(item, k -> new ItemRows(4));
        int r = rows.row(u); // first: it may grow the arrays
        rows.signs[r * SIGNS + sign] += by;
    }

    private int user(String name) {
        Integer u = userNumbers.get(name);
        if (u != null) return u;
        if (users == userNames.length) {
            userNames = Arrays.copyOf(userNames, users * 2);
            userSigns = Arrays.copyOf(userSigns, users * 2 * SIGNS);
        }
        userNames[users] = name;
        userNumbers.put(name, users);
        return users++;
    }

    /** Every user with their signs, by number. */
    void forEachUser(BiConsumer<String, ContaminationMonitor.Signs> sink) {
        for (int u = 0; u < users; u++) sink.accept(userNames[u], signs(userSigns, u));
    }

    /** Every item with the sum of the signs of its users not in {@code left out}, in the item map's order. */
    void forEachItem(java.util.Set<String> leftOut, BiConsumer<String, ContaminationMonitor.Signs> sink) {
        boolean[] out = new boolean[users];
        for (String name : leftOut) {
            Integer u = userNumbers.get(name);
            if (u != null) out[u] = true;
        }
        items.forEach((item, rows) -> {
            long[] sum = new long[SIGNS];
            for (int r = 0; r < rows.n; r++) {
                if (out[rows.user[r]]) continue;
                for (int k = 0; k < SIGNS; k++) sum[k] += rows.signs[r * SIGNS + k];
            }
            sink.accept(item, signs(sum, 0));
        });
    }

    private static ContaminationMonitor.Signs signs(long[] from, int row) {
        ContaminationMonitor.Signs s = new ContaminationMonitor.Signs();
        int at = row * SIGNS;
        s.impressions = from[at];
        s.clicks = from[at + 1];
        s.likes = from[at + 2];
        s.dislikes = from[at + 3];
        s.dwells = from[at + 4];
        s.quickExits = from[at + 5];
        return s;
    }

    /** Users by number with their counters, then items in key order, each with its rows' users and counters. */
    void writeState(StateWriter out) {
        out.putInt(users);
        for (int u = 0; u < users; u++) out.putString(userNames[u]);
        out.putLongs(userSigns, 0, users * SIGNS);
        out.putInt(items.size());
        new TreeMap<>(items).forEach((item, rows) -> {
            out.putString(item).putInt(rows.n);
            out.putInts(rows.user, 0, rows.n).putLongs(rows.signs, 0, rows.n * SIGNS);
        });
    }

    void readState(StateReader in) {
        if (users > 0 || !items.isEmpty()) throw new IllegalStateException("signs restored over others");
        int n = in.count();
        userNames = new String[Math.max(16, n)];
        for (int u = 0; u < n; u++) {
            String name = in.getString();
            userNames[u] = name;
            if (userNumbers.put(name, u) != null) throw new IllegalStateException("user " + name + " twice");
        }
        users = n;
        userSigns = Arrays.copyOf(in.getLongs(n * SIGNS), userNames.length * SIGNS);
        for (int i = in.count(); i > 0; i--) {
            String item = in.getString();
            int rows = in.count();
            ItemRows r = new ItemRows(0);
            r.user = in.getInts(rows);
            r.signs = in.getLongs(rows * SIGNS);
            r.n = rows;
            for (int u : r.user) {
                if (u < 0 || u >= users) throw new IllegalStateException("item " + item + " names user " + u + " of " + users);
            }
            if (rows == 0 || items.put(item, r) != null) throw new IllegalStateException("item " + item + " empty or twice");
        }
    }
}
