package dev.flywheel.kafka;

import dev.flywheel.log.LogCodec;
import dev.flywheel.log.LogEntry;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record value of {@code <p>.log} or {@code <p>.quarantine} back into the entry a server
 * appended: a plain consumer's {@code value.deserializer}, and what a Flink
 * {@code KafkaRecordDeserializationSchema.valueOnly(LogEntryDeserializer.class)} wraps. The entry's
 * seq is the writing server's own count and says nothing about its place among other servers'
 * entries; a reader numbers what it applies itself ({@link LogEntry#withSeq}) and takes a record's
 * partition and offset as its position.
 */
public final class LogEntryDeserializer implements Deserializer<LogEntry> {

    /** The entry in {@code value}, or null for a null value (a tombstone, never written by Flywheel). */
    public static LogEntry decode(byte[] value) {
        if (value == null) return null;
        try {
            return LogCodec.decode(value, 0, value.length);
        } catch (RuntimeException e) {
            throw new SerializationException("not a Flywheel log entry (" + value.length + " bytes): " + e.getMessage(), e);
        }
    }

    @Override
    public LogEntry deserialize(String topic, byte[] data) {
        return decode(data);
    }
}
