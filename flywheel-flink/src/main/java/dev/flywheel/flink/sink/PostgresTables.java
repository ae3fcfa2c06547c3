package dev.flywheel.flink.sink;

import dev.flywheel.flink.ServingStateSink;
import dev.flywheel.store.postgres.PostgresFeatureStates;

import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.flink.Tables;
import dev.flywheel.flink.Upserts;
import dev.flywheel.outcome.Outcome;
import dev.flywheel.outcome.Unjoined;
import dev.flywheel.quality.Alert;
import dev.flywheel.store.postgres.PostgresAlertLog;
import dev.flywheel.store.postgres.PostgresDatabase;
import dev.flywheel.store.postgres.PostgresFeatureLog;
import dev.flywheel.store.postgres.PostgresOutcomeStore;
import dev.flywheel.store.postgres.PostgresSettings;
import dev.flywheel.store.postgres.PostgresUnjoinedStore;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The job's rows in a Flywheel schema on PostgreSQL, through the store's own adapters: outcomes
 * ({@link PostgresOutcomeStore}), unjoined feedback ({@link PostgresUnjoinedStore}), served features
 * ({@link PostgresFeatureLog}), alerts ({@link PostgresAlertLog}) and, as it changes, the live serving
 * state ({@link #servingState}). Each adapter keeps a row whose
 * identity it holds already as first written, and each commit is one transaction, so a commit
 * retried after a failure, or an epoch replayed after a restore, writes nothing twice. Every table
 * opens a small pool of its own where its committer runs, closed with the table.
 */
public final class PostgresTables implements Tables {
    private static final long serialVersionUID = 1L;
    /** One committer writes a table, one transaction at a time. */
    static final int POOL_SIZE = 2;
    private final String url;
    private final String schema;

    /** Checks the settings now, so a bad one stops the submission rather than the committers. */
    public PostgresTables(PostgresSettings settings) {
        this.url = settings.url();
        this.schema = settings.schema();
    }

    private PostgresSettings settings() {
        return new PostgresSettings(url, schema, POOL_SIZE);
    }

    /** The live serving state in the same schema ({@link PostgresFeatureStates}), for the servers' reads. */
    @Override
    public ServingStateSink.Opener servingState() {
        String u = url;
        String s = schema;
        return () -> PostgresFeatureStates.open(new PostgresSettings(u, s, POOL_SIZE));
    }

    @Override
    public Upserts<Outcome> outcomes() {
        return table(db -> new PostgresOutcomeStore(db)::append);
    }

    @Override
    public Upserts<Unjoined> unjoined() {
        return table(db -> new PostgresUnjoinedStore(db)::append);
    }

    @Override
    public Upserts<ServedFeatures> servedFeatures() {
        return table(db -> new PostgresFeatureLog(db)::append);
    }

    @Override
    public Upserts<Alert> alerts() {
        return table(db -> new PostgresAlertLog(db)::append);
    }

    private <T> Upserts<T> table(Function<PostgresDatabase, Consumer<List<T>>> adapter) {
        PostgresDatabase db = PostgresDatabase.open(settings());
        Consumer<List<T>> append = adapter.apply(db);
        return new Upserts<>() {
            @Override
            public void upsert(List<T> rows) {
                append.accept(rows);
            }

            @Override
            public void close() {
                db.close();
            }
        };
    }
}
