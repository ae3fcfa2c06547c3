package dev.flywheel.flink.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A user's {@link SeenIds} in one write: the number of ids, the length of their bytes, the bytes,
 * each id's end in them, each id's first-seen time (big-endian). One call per user rather than
 * several per id: the dedupe's state is written whole at every checkpoint.
 */
public final class SeenIdsSerializer extends TypeSerializerSingleton<SeenIds> {
    private static final long serialVersionUID = 1L;
    public static final SeenIdsSerializer INSTANCE = new SeenIdsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SeenIds createInstance() {
        return new SeenIds();
    }

    @Override
    public SeenIds copy(SeenIds from) {
        return from.copy();
    }

    @Override
    public SeenIds copy(SeenIds from, SeenIds reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SeenIds ids, DataOutputView target) throws IOException {
        int n = ids.size();
        int length = ids.end(n - 1);
        ByteBuffer b = ByteBuffer.allocate(8 + length + 12 * n);
        b.putInt(n).putInt(length).put(ids.bytes(), 0, length);
        for (int i = 0; i < n; i++) b.putInt(ids.end(i));
        for (int i = 0; i < n; i++) b.putLong(ids.firstSeen(i));
        target.write(b.array());
    }

    @Override
    public SeenIds deserialize(DataInputView source) throws IOException {
        int n = source.readInt();
        int length = source.readInt();
        if (n < 0 || length < 0) throw new IOException("seen ids: a negative count (" + n + ") or length (" + length + ")");
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        byte[] rest = new byte[12 * n];
        source.readFully(rest);
        ByteBuffer b = ByteBuffer.wrap(rest);
        int[] ends = new int[n];
        long[] firstSeen = new long[n];
        for (int i = 0; i < n; i++) ends[i] = b.getInt();
        for (int i = 0; i < n; i++) firstSeen[i] = b.getLong();
        try {
            return SeenIds.of(bytes, ends, firstSeen);
        } catch (IllegalStateException e) {
            throw new IOException("seen ids: " + e.getMessage(), e);
        }
    }

    @Override
    public SeenIds deserialize(SeenIds reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<SeenIds> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; it has no configuration to compare. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeenIds> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
