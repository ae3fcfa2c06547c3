package dev.flywheel.store.postgres;

/**
 * The database of one test, in a schema of its own: {@link #open} closes the pool opened before (if
 * any) and opens a new one on the same schema, so a contract's "opened again" reads back through
 * fresh connections what the last one committed.
 */
final class Reopening implements AutoCloseable {
    private final PostgresSettings settings = LocalPostgres.shared().freshSchema("t", 4);
    private PostgresDatabase current;

    PostgresDatabase open() {
        close();
        current = PostgresDatabase.open(settings);
        return current;
    }

    /** The database opened last, opening it if none is. */
    PostgresDatabase current() {
        return current == null ? open() : current;
    }

    @Override
    public void close() {
        if (current != null) current.close();
        current = null;
    }
}
