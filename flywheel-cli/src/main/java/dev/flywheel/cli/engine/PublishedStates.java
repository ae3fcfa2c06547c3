package dev.flywheel.cli.engine;

import dev.flywheel.store.postgres.PostgresDatabase;
import dev.flywheel.topology.ServingState;
import java.util.function.Function;

/**
 * Where a server reads what the Flink job publishes: {@code PostgresServingState} of module
 * flywheel-postgres, looked up by name because it is built on another branch at the same time as
 * this wiring (helper "publish"). Once both are merged this becomes {@code PostgresServingState::new}.
 */
public final class PublishedStates {
    static final String POSTGRES = "dev.flywheel.store.postgres.PostgresServingState";

    private PublishedStates() { }

    /** The PostgreSQL reader of published state; fails with why when the build has none. */
    public static Function<PostgresDatabase, ServingState> postgres() {
        return db -> {
            try {
                return (ServingState) Class.forName(POSTGRES).getConstructor(PostgresDatabase.class).newInstance(db);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this build has no reader of the state the Flink job publishes to PostgreSQL ("
                        + POSTGRES + "): distributed serving needs it", e);
            }
        };
    }
}
