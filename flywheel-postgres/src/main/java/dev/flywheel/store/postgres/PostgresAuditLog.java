package dev.flywheel.store.postgres;

import dev.flywheel.log.Bytes;
import dev.flywheel.rollout.AuditCodec;
import dev.flywheel.rollout.AuditLog;
import dev.flywheel.rollout.AuditRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The audit log in table {@code audit}: each record whole in {@link AuditCodec}'s bytes (the form
 * every audit log adapter shares), beside its time, loop, action, version and actor for people who
 * read the table. An append is one transaction that locks the last seq: a record that is not the
 * next one is refused, so two processes changing the lifecycle at once cannot both write record n;
 * once it commits the record is durable, and a crash before that leaves nothing of it.
 */
public final class PostgresAuditLog implements AuditLog {
    private static final String LAST = "audit.last_seq";
    private final PostgresDatabase db;

    public PostgresAuditLog(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public List<AuditRecord> readAll() {
        return db.read("read the audit log", c -> {
            List<AuditRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT record FROM audit ORDER BY seq");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    byte[] b = r.getBytes(1);
                    out.add(AuditCodec.decode(b, 0, b.length));
                }
            }
            return out;
        });
    }

    @Override
    public void append(AuditRecord record) {
        Bytes body = new Bytes(512);
        AuditCodec.encode(record, body);
        db.transaction("append to the audit log", c -> {
            long last = Meta.lock(c, LAST);
            if (record.seq() != last + 1) {
                throw new IllegalArgumentException("audit seq must be " + (last + 1) + ", got " + record.seq());
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, record.seq());
                Sql.instant(p, 2, record.at());
                p.setString(3, record.loop());
                p.setString(4, record.action().label());
                Sql.text(p, 5, record.version());
                p.setString(6, record.actor());
                p.setBytes(7, Arrays.copyOf(body.array(), body.length()));
                p.executeUpdate();
            }
            Meta.set(c, LAST, record.seq());
            return null;
        });
    }

    /** Nothing to release: the database's pool is its opener's to close. */
    @Override
    public void close() {
    }
}
