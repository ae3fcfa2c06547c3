package dev.flywheel.model;

import dev.flywheel.model.internal.Interactions;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.List;

/**
 * A user's latest interactions in a loop as the collaborative learner keeps them, oldest first: each
 * item's id and its number in the learner's numbering (numbers only grow, so models trained later
 * number the same item alike), the interaction's weight and its time. What a server of the
 * distributed shape reads to compute a user's collaborative signals as the learner does: the same
 * numbers give the same signals bit for bit.
 */
public record InteractionHistory(List<String> items, int[] numbers, float[] weights, long[] millis) {
    private static final int VERSION = 1;
    public static final InteractionHistory NONE = new InteractionHistory(List.of(), new int[0], new float[0], new long[0]);

    public InteractionHistory {
        items = List.copyOf(items);
        if (numbers.length != items.size() || weights.length != items.size() || millis.length != items.size()) {
            throw new IllegalArgumentException("an interaction history's columns differ in length");
        }
    }

    /** The history {@code interactions} keeps for {@code user}, with its items' ids. */
    static InteractionHistory of(Interactions interactions, String user) {
        Interactions.History h = interactions.history(user);
        int n = h.size();
        if (n == 0) return NONE;
        String[] ids = new String[n];
        for (int k = 0; k < n; k++) ids[k] = interactions.itemName(h.item()[k]);
        return new InteractionHistory(List.of(ids), java.util.Arrays.copyOf(h.item(), n),
                java.util.Arrays.copyOf(h.weight(), n), java.util.Arrays.copyOf(h.millis(), n));
    }

    public int size() {
        return numbers.length;
    }

    /** The history in the learner's numbering, as {@code UserSignals} reads it. */
    Interactions.History numbered() {
        return new Interactions.History(numbers, weights, millis, numbers.length);
    }

    public byte[] toBytes() {
        int n = size();
        long chars = 0;
        for (String item : items) chars += item.length();
        // sized for ASCII ids: a history of a thousand interactions is not grown from 4 KB three times
        return new StateWriter((int) Math.min(8 + 4L * n + chars + 16L * n, Integer.MAX_VALUE - 16)).putInt(VERSION).putStrings(items).putInts(numbers, 0, n).putFloats(weights, 0, n)
                .putLongs(millis, 0, n).toByteArray();
    }

    /** What {@link #toBytes} wrote; {@link #NONE} for no bytes (a user whose interactions were dropped). */
    public static InteractionHistory fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) return NONE;
        StateReader in = new StateReader(bytes);
        in.expectVersion("interaction history", VERSION);
        List<String> items = in.getStrings();
        int n = items.size();
        InteractionHistory h = new InteractionHistory(items, in.getInts(n), in.getFloats(n), in.getLongs(n));
        if (!in.atEnd()) throw new IllegalStateException("an interaction history has bytes left over");
        return h;
    }
}
