package dev.flywheel.flink.internal;

import dev.flywheel.flink.Upserts;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Commits rows to an {@link Upserts} table once the checkpoint after them is complete: the writer
 * hands the rows of each epoch to Flink as one committable, kept in the checkpoint, and the
 * committer writes them when the checkpoint completes (and again after a failure, when it is not
 * known whether the commit ran: the table keeps one row per identity). Rows of an epoch whose
 * checkpoint never completed are never written: a replay emits them again.
 */
public final class UpsertSink<T> implements Sink<T>, SupportsCommitter<List<T>> {
    private static final long serialVersionUID = 1L;
    private static final int RETRIES = 10;
    private final RowKind kind;
    private final SerializableSupplier<Upserts<T>> table;

    /** Opens the table where the committer runs. */
    public interface SerializableSupplier<X> extends Supplier<X>, java.io.Serializable { }

    public UpsertSink(RowKind kind, SerializableSupplier<Upserts<T>> table) {
        this.kind = kind;
        this.table = table;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>();
    }

    @Override
    public Committer<List<T>> createCommitter(CommitterInitContext context) {
        return new UpsertCommitter<>(table.get());
    }

    @Override
    public SimpleVersionedSerializer<List<T>> getCommittableSerializer() {
        return new BatchSerializer<>(kind.list());
    }

    private static final class Writer<T> implements CommittingSinkWriter<T, List<T>> {
        private List<T> rows = new ArrayList<>();

        @Override
        public void write(T row, Context context) {
            rows.add(row);
        }

        @Override
        public void flush(boolean endOfInput) {
            // rows wait for the checkpoint: prepareCommit hands them on
        }

        @Override
        public Collection<List<T>> prepareCommit() {
            if (rows.isEmpty()) return List.of();
            List<T> batch = Collections.unmodifiableList(rows);
            rows = new ArrayList<>();
            return List.of(batch);
        }

        @Override
        public void close() {
            rows = null;
        }
    }

    private static final class UpsertCommitter<T> implements Committer<List<T>> {
        private final Upserts<T> table;

        UpsertCommitter(Upserts<T> table) {
            this.table = table;
        }

        @Override
        public void commit(Collection<CommitRequest<List<T>>> requests) {
            for (CommitRequest<List<T>> r : requests) {
                try {
                    table.upsert(r.getCommittable());
                } catch (RuntimeException e) {
                    if (r.getNumberOfRetries() < RETRIES) {
                        r.retryLater();
                    } else {
                        r.signalFailedWithUnknownReason(e);
                    }
                }
            }
        }

        @Override
        public void close() throws Exception {
            table.close();
        }
    }

    /**
     * A batch of rows in Flywheel's codec, as the checkpoint keeps a committable. Flink (2.2) encodes a
     * committable 8 times per checkpoint: {@code SimpleVersionedSerialization.writeVersionAndSerializeList}
     * serialises each element twice (once for its length, once for its bytes) and the committer's state
     * nests three such lists. So the bytes of the last few batches are kept, by identity: a batch is
     * never changed once {@code prepareCommit} handed it on (it is handed on unmodifiable). A batch is
     * held weakly: a strong hold kept four checkpoints' rows alive after Flink had committed and dropped
     * them, hundreds of thousands of rows the collector then carried into the old generation.
     */
    static final class BatchSerializer<T> implements SimpleVersionedSerializer<List<T>> {
        private static final int KEPT = 4;
        private final RowKind kind;
        @SuppressWarnings("unchecked")
        private final WeakReference<List<T>>[] batches = new WeakReference[KEPT];
        private final byte[][] bytes = new byte[KEPT][];
        private int next;
        /** Bytes per row of the last batch encoded, to size the next one's buffer. */
        private int rowBytes = 64;

        BatchSerializer(RowKind kind) {
            this.kind = kind;
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public synchronized byte[] serialize(List<T> rows) {
            for (int i = 0; i < KEPT; i++) {
                if (batches[i] == null) continue;
                List<T> kept = batches[i].get();
                if (kept == rows) return bytes[i];
                if (kept == null) { // Flink let the batch go: so do its bytes
                    batches[i] = null;
                    bytes[i] = null;
                }
            }
            byte[] b = encode(rows);
            batches[next] = new WeakReference<>(rows);
            bytes[next] = b;
            next = (next + 1) % KEPT;
            return b;
        }

        @SuppressWarnings("unchecked")
        private byte[] encode(List<T> rows) {
            StateWriter w = new StateWriter((int) Math.min(Integer.MAX_VALUE - 16, 16L + (long) rows.size() * rowBytes * 9 / 8));
            ((RowCodec<List<T>>) kind.codec).write(rows, w);
            byte[] b = w.toByteArray();
            if (!rows.isEmpty()) rowBytes = Math.max(8, b.length / rows.size());
            return b;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<T> deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) throw new IOException("committable version " + version + ", this code reads 1");
            StateReader r = new StateReader(bytes);
            List<T> rows = ((RowCodec<List<T>>) kind.codec).read(r);
            if (!r.atEnd()) throw new IOException(kind + " committable has bytes left over");
            return Collections.unmodifiableList(rows);
        }
    }
}
