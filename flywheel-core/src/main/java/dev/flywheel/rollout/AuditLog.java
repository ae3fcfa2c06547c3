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

    /**
     * The records after {@code seq}, in order: what another process appended since this one last
     * read (several servers share one log in the distributed shape). An adapter with an index
     * answers without reading the rest.
     */
    default List<AuditRecord> readAfter(long seq) {
        return readAll().stream().filter(r -> r.seq() > seq).toList();
    }

    /** Appends {@code record} durably; its seq must be one past the last record's. */
    void append(AuditRecord record);

    @Override
    void close();
}
