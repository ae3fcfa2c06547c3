package dev.flywheel.flink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;

class IdSerializerTest {
    private static final List<String> IDS = List.of("", "e1", "d-0042", "é\u00e9\u4e2d\u6587", "\uD83D\uDE00 emoji", "x".repeat(70_000));

    @Test
    void idsComeBackAsWrittenAndTheirBytesAreTheLengthThenUtf8() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String id : IDS) IdSerializer.INSTANCE.serialize(id, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String id : IDS) assertEquals(id, IdSerializer.INSTANCE.deserialize(in));
        assertEquals(0, in.available());
        // the format, computed independently: a 4-byte big-endian length, then the UTF-8 bytes
        DataOutputSerializer one = new DataOutputSerializer(16);
        IdSerializer.INSTANCE.serialize("é1", one);
        byte[] utf8 = "é1".getBytes(StandardCharsets.UTF_8);
        byte[] b = one.getCopyOfBuffer();
        assertEquals(4 + utf8.length, b.length);
        assertEquals(utf8.length, ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
    }

    @Test
    void copyingBetweenViewsKeepsTheBytes() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (String id : IDS) IdSerializer.INSTANCE.serialize(id, out);
        byte[] written = out.getCopyOfBuffer();
        DataInputDeserializer in = new DataInputDeserializer(written);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        for (int i = 0; i < IDS.size(); i++) IdSerializer.INSTANCE.copy(in, copied);
        assertEquals(java.util.Arrays.toString(written), java.util.Arrays.toString(copied.getCopyOfBuffer()));
    }

    @Test
    void aNegativeLengthIsRefusedNotAllocated() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe});
        IOException e = assertThrows(IOException.class, () -> IdSerializer.INSTANCE.deserialize(in));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void itsSnapshotRestoresTheSerializerAndAcceptsItself() throws IOException {
        TypeSerializerSnapshot<String> snap = IdSerializer.INSTANCE.snapshotConfiguration();
        var bytes = new java.io.ByteArrayOutputStream();
        TypeSerializerSnapshot.writeVersionedSnapshot(new DataOutputViewStreamWrapper(bytes), snap);
        TypeSerializerSnapshot<String> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputViewStreamWrapper(new java.io.ByteArrayInputStream(bytes.toByteArray())), getClass().getClassLoader());
        assertSame(IdSerializer.INSTANCE, read.restoreSerializer());
        assertTrue(IdSerializer.INSTANCE.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs());
    }
}
