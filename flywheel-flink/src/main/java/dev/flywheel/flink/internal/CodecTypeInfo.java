package dev.flywheel.flink.internal;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The Flink type of a record kind, serialized by its {@link CodecSerializer}. */
public final class CodecTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;
    private final RowKind kind;

    public CodecTypeInfo(RowKind kind) {
        this.kind = kind;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<T> getTypeClass() {
        return (Class<T>) kind.type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new CodecSerializer<>(kind);
    }

    /** The same serializer outside a job (state descriptors, committable serializers). */
    public CodecSerializer<T> serializer() {
        return new CodecSerializer<>(kind);
    }

    @Override
    public String toString() {
        return "Flywheel " + kind;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecTypeInfo<?> t && t.kind == kind;
    }

    @Override
    public int hashCode() {
        return kind.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof CodecTypeInfo;
    }
}
