package dev.flywheel.flink.internal;

import dev.flywheel.flink.SourcedEntry;
import dev.flywheel.log.Bytes;
import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink serializer over Flywheel's own codecs: a length, then the record's bytes. The records are
 * immutable, so copies are the records themselves; Flink never falls back to Kryo for them.
 * Not a singleton: each duplicate keeps its own buffers for log entries (plain or with the place they
 * were read at), the hot path, and for the other rows.
 */
public final class CodecSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;
    /** A sourced entry's partition and offset, before its entry. */
    private static final int PLACE = 4 + 8;
    private final RowKind kind;
    private transient Bytes buffer;
    /** The other rows' buffer, kept like {@link #buffer}: a fresh 4 KB writer per outcome was most of the job's garbage. */
    private transient StateWriter rows;

    public CodecSerializer(RowKind kind) {
        this.kind = kind;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new CodecSerializer<>(kind);
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void serialize(T record, DataOutputView out) throws IOException {
        if (kind == RowKind.LOG_ENTRY) {
            if (buffer == null) buffer = new Bytes(512);
            buffer.reset();
            LogCodec.encode((LogEntry) record, buffer);
            out.writeInt(buffer.length());
            out.write(buffer.array(), 0, buffer.length());
            return;
        }
        if (kind == RowKind.SOURCED_ENTRY) {
            serializeSourced((SourcedEntry) record, out);
            return;
        }
        if (rows == null) rows = new StateWriter(512);
        ((RowCodec<T>) kind.codec).write(record, rows.reset());
        rows.writeTo(out);
    }

    /** The place (partition, offset), then the entry as the log keeps it, or nothing for a place alone. */
    private void serializeSourced(SourcedEntry s, DataOutputView out) throws IOException {
        if (buffer == null) buffer = new Bytes(512);
        buffer.reset();
        if (s.entry() != null) LogCodec.encode(s.entry(), buffer);
        out.writeInt(PLACE + buffer.length());
        out.writeInt(s.partition());
        out.writeLong(s.offset());
        out.write(buffer.array(), 0, buffer.length());
    }

    @Override
    public T deserialize(DataInputView in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return decode(b);
    }

    @SuppressWarnings("unchecked")
    T decode(byte[] b) {
        if (kind == RowKind.LOG_ENTRY) return (T) LogCodec.decode(b, 0, b.length);
        if (kind == RowKind.SOURCED_ENTRY) {
            if (b.length < PLACE) throw new IllegalStateException("a sourced entry of " + b.length + " bytes has no place");
            java.nio.ByteBuffer place = java.nio.ByteBuffer.wrap(b, 0, PLACE);
            int partition = place.getInt();
            long offset = place.getLong();
            return (T) new SourcedEntry(b.length == PLACE ? null : LogCodec.decode(b, PLACE, b.length - PLACE), partition, offset);
        }
        StateReader r = new StateReader(b);
        T row = ((RowCodec<T>) kind.codec).read(r);
        if (!r.atEnd()) throw new IllegalStateException(kind + " record has bytes left over");
        return row;
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        // through an array: some output views do not grow when handed an input view
        out.writeInt(b.length);
        out.write(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecSerializer<?> s && s.kind == kind;
    }

    @Override
    public int hashCode() {
        return kind.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new CodecSnapshot<>(kind);
    }

    RowKind kind() {
        return kind;
    }
}
