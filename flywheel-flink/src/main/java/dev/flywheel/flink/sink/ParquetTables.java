package dev.flywheel.flink.sink;

import dev.flywheel.flink.History;
import dev.flywheel.flink.Tables;
import dev.flywheel.store.duckdb.ParquetArchive;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The job's history as the embedded engine's log archive ({@link ParquetArchive}): each completed
 * checkpoint's applied entries, with the features served with their decisions, become Parquet
 * files under {@code <dir>/day=<received day>/loop=<loop>/<first seq>-<i>.parquet}, the columns the
 * embedded archive has, so DuckDB analysis reads both alike. Files are named by the epoch's first
 * seq, so a commit retried after a failure replaces its own files and adds none. The directory must
 * be shared by every task manager (a network or object-store mount) and belong to this job alone.
 */
public final class ParquetTables implements Tables {
    private static final long serialVersionUID = 1L;
    private final String dir;

    public ParquetTables(Path dir) {
        this.dir = dir.toString();
    }

    @Override
    public Set<Kind> kept() {
        return EnumSet.of(Kind.HISTORY);
    }

    @Override
    public History history() {
        ParquetArchive archive = new ParquetArchive(Path.of(dir));
        return archive::write;
    }
}
