package dev.flywheel.rollout;

import java.util.List;

/**
 * The durable, append-only record of every lifecycle change. An append is the commit point of a
 * change: once it returns the record survives a crash, and a record torn by a crash is not read
 * back. Adapters pass {@code AuditLogContract}.
 */
public interface AuditLog extends AutoCloseable {
    /** Every record, in the order appended. */
    List<AuditRecord> readAll();

    /** Appends {@code record} durably; its seq must be one past the last record's. */
    void append(AuditRecord record);

    @Override
    void close();
}
