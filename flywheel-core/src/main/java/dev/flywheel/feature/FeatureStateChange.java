package dev.flywheel.feature;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one key of a loop's features as of a position of the stream: after the entry
 * {@code seq}, and after the idle that followed it when {@code afterIdle} (an idle changes state
 * without an entry). Positions order the states a key goes through, so a store keeps the newest
 * and a state emitted again after a restore never replaces a newer one.
 *
 * @param bytes the state in {@link KeyedStates}' bytes, or null when the key has none any more (a
 *              forgotten user)
 */
public record FeatureStateChange(String loop, FeatureKey key, long seq, boolean afterIdle, byte[] bytes) {
    public FeatureStateChange {
        if (loop == null) throw new IllegalArgumentException("loop is required");
        if (key == null) throw new IllegalArgumentException("key is required");
    }

    /** Whether this change's position is after {@code other}'s. */
    public boolean newerThan(long otherSeq, boolean otherAfterIdle) {
        return seq != otherSeq ? seq > otherSeq : afterIdle && !otherAfterIdle;
    }

    /** Changes as one byte array, for a stream that carries a batch of them as one record. */
    public static byte[] writeAll(List<FeatureStateChange> changes) {
        StateWriter out = new StateWriter(sizeHint(changes));
        writeAll(changes, out);
        return out.toByteArray();
    }

    /** Changes as {@link #readAll} reads them, written into {@code out} (a batch nests them in place). */
    public static void writeAll(List<FeatureStateChange> changes, StateWriter out) {
        out.putInt(changes.size());
        for (FeatureStateChange c : changes) {
            out.putString(c.loop).putByte(c.key.kind().ordinal()).putString(c.key.id()).putLong(c.seq).putBoolean(c.afterIdle)
                    .putBoolean(c.bytes != null);
            if (c.bytes != null) out.putBytes(c.bytes);
        }
    }

    /** About the bytes {@link #writeAll} writes (exact for ASCII names): a buffer that size is not grown. */
    static int sizeHint(List<FeatureStateChange> changes) {
        long n = 4;
        for (FeatureStateChange c : changes) {
            n += 4L + c.loop.length() + 1 + 4 + c.key.id().length() + 8 + 2 + (c.bytes == null ? 0 : 4L + c.bytes.length);
        }
        return (int) Math.min(n, Integer.MAX_VALUE - 16);
    }

    public static List<FeatureStateChange> readAll(byte[] bytes) {
        StateReader in = new StateReader(bytes);
        List<FeatureStateChange> out = new ArrayList<>();
        for (int i = in.count(); i > 0; i--) {
            String loop = in.getString();
            FeatureKey key = new FeatureKey(FeatureKey.Kind.values()[in.getByte()], in.getString());
            long seq = in.getLong();
            boolean idle = in.getBoolean();
            out.add(new FeatureStateChange(loop, key, seq, idle, in.getBoolean() ? in.getBytes() : null));
        }
        if (!in.atEnd()) throw new IllegalStateException("feature state changes have bytes left over");
        return out;
    }
}
