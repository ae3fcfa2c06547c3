package dev.flywheel.flink.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * An id as its UTF-8 bytes after their length, written in one call. Flink's own string serializer
 * hands the stream one character per call, and each call passes three output streams on its way to
 * the checkpoint's buffer: writing the deduplication's ids (every id of the horizon, at every
 * checkpoint) that way was a twentieth of the job's CPU (docs/performance.md).
 */
public final class IdSerializer extends TypeSerializerSingleton<String> {
    private static final long serialVersionUID = 1L;
    public static final IdSerializer INSTANCE = new IdSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public String copy(String from) {
        return from;
    }

    @Override
    public String copy(String from, String reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(String id, DataOutputView target) throws IOException {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        target.writeInt(b.length);
        target.write(b);
    }

    @Override
    public String deserialize(DataInputView source) throws IOException {
        int n = source.readInt();
        if (n < 0) throw new IOException("an id's length is negative: " + n);
        byte[] b = new byte[n];
        source.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public String deserialize(String reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        // through an array: DataOutputSerializer.write(DataInputView, int) does not grow its buffer
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; it has no configuration to compare. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
