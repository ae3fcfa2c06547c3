package dev.flywheel.store.duckdb;

import dev.flywheel.log.LogException;
import dev.flywheel.model.SnapshotStore;
import dev.flywheel.model.TrainingRow;
import dev.flywheel.model.TrainingSnapshot;
import dev.flywheel.quality.Exclusions;
import dev.flywheel.store.file.FileModelStore;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Training snapshots cut from the embedded store with DuckDB: {@code <id>.parquet} (the rows, in log
 * order) and {@code <id>.json} (the manifest) in one directory. The file is written under a
 * temporary name, hashed, and moved to its id; the manifest is written last, so a snapshot listed
 * is complete and a crash leaves only temporary files, removed at the next open.
 */
public final class DuckDbSnapshotStore implements SnapshotStore {
    private final DuckDbRecordStore store;
    private final Path dir;
    private final Clock clock;

    public DuckDbSnapshotStore(DuckDbRecordStore store, Path dir, Clock clock) {
        this.store = store;
        this.dir = dir;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (p.getFileName().toString().endsWith(".tmp")) Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new LogException("cannot open the snapshot directory " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized TrainingSnapshot create(String loop, long throughSeq, List<String> features, Exclusions excluded) {
        if (!loop.matches("[a-z0-9][a-z0-9_-]{0,63}")) throw new IllegalArgumentException("not a loop name: " + loop);
        Path tmp = dir.resolve("cut-" + System.nanoTime() + ".parquet.tmp");
        try (Connection c = store.connect(); Statement s = c.createStatement()) {
            s.execute("COPY (" + SnapshotSql.rows(loop, throughSeq, excluded) + ") TO '" + SnapshotSql.quote(tmp) + "' (FORMAT PARQUET)");
            long left = 0;
            if (!SnapshotSql.excludesNothing(excluded)) {
                try (java.sql.ResultSet r = s.executeQuery(SnapshotSql.excludedCount(loop, throughSeq, excluded))) {
                    r.next();
                    left = r.getLong(1);
                }
            }
            String id = FileModelStore.hash(Files.readAllBytes(tmp));
            Path file = dir.resolve(id + ".parquet");
            if (Files.exists(file)) {
                Files.delete(tmp);
                return get(id);
            }
            TrainingSnapshot snap = SnapshotSql.manifest(s, tmp, id, loop, throughSeq, features, clock.instant(), left);
            move(tmp, file);
            Path manifest = dir.resolve(id + ".json.tmp");
            Files.writeString(manifest, SnapshotJson.write(snap));
            move(manifest, dir.resolve(id + ".json"));
            return snap;
        } catch (SQLException | IOException e) {
            throw new LogException("cannot cut a training snapshot of " + loop + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public synchronized List<TrainingSnapshot> list() {
        List<TrainingSnapshot> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json")) out.add(SnapshotJson.read(Files.readString(p)));
            }
        } catch (IOException e) {
            throw new LogException("cannot list snapshots in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(java.util.Comparator.comparing(TrainingSnapshot::created).thenComparing(TrainingSnapshot::toSeq));
        return out;
    }

    @Override
    public synchronized TrainingSnapshot get(String id) {
        Path manifest = id.matches("[0-9a-f]{64}") ? dir.resolve(id + ".json") : null;
        if (manifest == null || !Files.exists(manifest)) throw new NoSuchElementException("no snapshot " + id);
        try {
            return SnapshotJson.read(Files.readString(manifest));
        } catch (IOException e) {
            throw new LogException("cannot read snapshot " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<TrainingRow> rows(String id) {
        get(id);
        String sql = "SELECT seq, decision_id, user_id, epoch_us(decided_at), version, arm, position, item, propensity, "
                + "features, reactions, reward, ignored FROM read_parquet('" + SnapshotSql.quote(dir.resolve(id + ".parquet")) + "')";
        try (Connection c = store.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<TrainingRow> out = new ArrayList<>();
            while (r.next()) out.add(SnapshotSql.row(r));
            return out;
        } catch (SQLException e) {
            throw new LogException("cannot read snapshot " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location(String id) {
        return dir.resolve(id + ".parquet").toAbsolutePath().toString();
    }
}
