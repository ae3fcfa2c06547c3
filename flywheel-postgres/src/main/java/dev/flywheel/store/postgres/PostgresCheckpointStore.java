package dev.flywheel.store.postgres;

import dev.flywheel.state.Checkpoint;
import dev.flywheel.state.CheckpointStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * Checkpoints in tables {@code checkpoints} (seq and time taken) and {@code checkpoint_states} (each
 * operator's state by name, with its CRC-32C). A save is one transaction: it replaces a checkpoint
 * at the same seq, adds the new one and drops all but the newest {@code keep}; a crash leaves the
 * old set or the new one. The checksums catch a state damaged after it was written; such a
 * checkpoint is skipped for the one before, as the file store skips a torn file.
 */
public final class PostgresCheckpointStore implements CheckpointStore {
    /** What {@link #read} answers for a checkpoint that another process's save pruned meanwhile: not corrupt, just gone. */
    private static final Checkpoint GONE = new Checkpoint(-1, Instant.EPOCH, Map.of());
    private final PostgresDatabase db;
    private final int keep;
    private final AtomicLong skipped = new AtomicLong();

    public PostgresCheckpointStore(PostgresDatabase db, int keep) {
        if (keep < 2) throw new IllegalArgumentException("keep must be at least 2, so a corrupt checkpoint has one to fall back to");
        this.db = db;
        this.keep = keep;
    }

    @Override
    public void save(Checkpoint checkpoint) {
        db.transaction("write checkpoint at seq " + checkpoint.seq(), c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM checkpoints WHERE seq = ?");
                 PreparedStatement head = c.prepareStatement("INSERT INTO checkpoints (seq, taken_seconds, taken_nanos, after_idle) VALUES (?, ?, ?, ?)")) {
                del.setLong(1, checkpoint.seq());
                del.executeUpdate();
                head.setLong(1, checkpoint.seq());
                head.setLong(2, checkpoint.takenAt().getEpochSecond());
                head.setInt(3, checkpoint.takenAt().getNano());
                head.setBoolean(4, checkpoint.afterIdle());
                head.executeUpdate();
            }
            states(c, checkpoint);
            prune(c);
            return null;
        });
    }

    private static void states(Connection c, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO checkpoint_states VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, byte[]> e : checkpoint.states().entrySet()) {
                p.setLong(1, checkpoint.seq());
                p.setString(2, e.getKey());
                p.setBytes(3, e.getValue());
                p.setLong(4, crc(e.getValue()));
                p.executeUpdate();
            }
        }
    }

    private void prune(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "DELETE FROM checkpoints WHERE seq NOT IN (SELECT seq FROM checkpoints ORDER BY seq DESC LIMIT ?)")) {
            p.setInt(1, keep);
            p.executeUpdate();
        }
    }

    private static long crc(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b);
        return crc.getValue();
    }

    @Override
    public Optional<Checkpoint> latest() {
        List<Long> seqs = seqs();
        for (int i = seqs.size() - 1; i >= 0; i--) {
            long seq = seqs.get(i);
            Checkpoint c = db.read("read checkpoint at seq " + seq, conn -> read(conn, seq));
            if (c == GONE) continue;
            if (c != null) return Optional.of(c);
            skipped.incrementAndGet();
        }
        return Optional.empty();
    }

    /** The checkpoint at {@code seq}; null when a state fails its checksum, {@link #GONE} when there is none. */
    private static Checkpoint read(Connection c, long seq) throws SQLException {
        String sql = "SELECT k.taken_seconds, k.taken_nanos, s.name, s.state, s.crc32c, k.after_idle FROM checkpoints k "
                + "LEFT JOIN checkpoint_states s ON s.seq = k.seq WHERE k.seq = ?";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, seq);
            Instant taken = null;
            boolean afterIdle = false;
            Map<String, byte[]> states = new TreeMap<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    taken = Instant.ofEpochSecond(r.getLong(1), r.getInt(2));
                    afterIdle = r.getBoolean(6);
                    if (r.getString(3) == null) continue;
                    byte[] state = r.getBytes(4);
                    if (crc(state) != r.getLong(5)) return null;
                    states.put(r.getString(3), state);
                }
            }
            return taken == null ? GONE : new Checkpoint(seq, taken, states, afterIdle);
        }
    }

    @Override
    public List<Long> seqs() {
        return db.read("list checkpoints", c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT seq FROM checkpoints ORDER BY seq"); ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getLong(1));
            }
            return out;
        });
    }

    @Override
    public long skipped() {
        return skipped.get();
    }
}
