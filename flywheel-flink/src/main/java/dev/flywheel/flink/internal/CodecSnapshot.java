package dev.flywheel.flink.internal;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What a checkpoint records of a {@link CodecSerializer}: the kind of record. The record formats
 * version themselves (the operators' states and the log's entry kinds), so the same kind is
 * compatible as it is.
 */
public final class CodecSnapshot<T> implements TypeSerializerSnapshot<T> {
    private RowKind kind;

    /** For Flink, which reads the kind next. */
    public CodecSnapshot() { }

    CodecSnapshot(RowKind kind) {
        this.kind = kind;
    }

    @Override
    public int getCurrentVersion() {
        return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeUTF(kind.name());
    }

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader loader) throws IOException {
        kind = RowKind.valueOf(in.readUTF());
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return new CodecSerializer<>(kind);
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        return old instanceof CodecSnapshot<?> o && o.kind == kind
                ? TypeSerializerSchemaCompatibility.compatibleAsIs() : TypeSerializerSchemaCompatibility.incompatible();
    }
}
