package dev.flywheel.cli.importer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBReadableVector;

/**
 * Walks a query over a {@link MappedTable} row by row through DuckDB's chunk API, which streams
 * and reads numbers straight from the chunk's buffer (the ResultSet API materialises the whole
 * result first and costs a native call per value). Slot {@code i} is column {@code i + 1}; column 0
 * is the rowid.
 */
final class MappedCursor implements AutoCloseable {
    private final DuckDBPreparedStatement statement;
    private final DuckDBChunkedResult result;
    private final Dictionary[] dictionaries;
    private final DuckDBReadableVector[] vectors;
    private long chunkRows;
    private long row = -1;

    MappedCursor(Connection c, String sql, List<Slot> slots, Dictionary[] dictionaries) throws SQLException {
        this.statement = c.prepareStatement(sql).unwrap(DuckDBPreparedStatement.class);
        try {
            this.result = statement.query();
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
        this.dictionaries = dictionaries;
        this.vectors = new DuckDBReadableVector[slots.size() + 1];
    }

    /** Moves to the next row; false at the end. */
    boolean next() {
        if (++row < chunkRows) return true;
        while (result.nextChunk()) {
            DuckDBDataChunkReader chunk = result.chunk();
            chunkRows = chunk.rowCount();
            if (chunkRows == 0) continue;
            for (int i = 0; i < vectors.length; i++) vectors[i] = chunk.vector(i);
            row = 0;
            return true;
        }
        return false;
    }

    long rowid() {
        return vectors[0].getLong(row);
    }

    boolean isNull(int slot) {
        return vectors[slot + 1].isNull(row);
    }

    String text(int slot) {
        DuckDBReadableVector v = vectors[slot + 1];
        if (v.isNull(row)) return null;
        Dictionary dict = dictionaries[slot];
        return dict == null ? v.getString(row) : dict.get(v.getLong(row));
    }

    long longValue(int slot) {
        return vectors[slot + 1].getLong(row);
    }

    Double doubleValue(int slot) {
        DuckDBReadableVector v = vectors[slot + 1];
        return v.isNull(row) ? null : v.getDouble(row);
    }

    boolean isTrue(int slot) {
        DuckDBReadableVector v = vectors[slot + 1];
        return !v.isNull(row) && v.getBoolean(row);
    }

    @Override
    public void close() throws SQLException {
        try {
            result.close();
        } finally {
            statement.close();
        }
    }
}
