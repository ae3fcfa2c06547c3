package dev.flywheel.store.postgres;

import dev.flywheel.feature.FeatureStateStore;
import dev.flywheel.feature.contract.ServingStateContract;
import dev.flywheel.topology.ServingState;
import org.junit.jupiter.api.AfterEach;

/** The serving state contract on a real PostgreSQL: written by {@link PostgresFeatureStates#publish}, read by {@link PostgresServingState}. */
class PostgresServingStateTest extends ServingStateContract {
    private final Reopening db = new Reopening();

    @Override
    protected Subject open() {
        PostgresFeatureStates writer = new PostgresFeatureStates(db.current());
        return new Subject() {
            @Override
            public FeatureStateStore writer() {
                return writer;
            }

            @Override
            public ServingState reader() {
                // read through fresh connections what the writer committed
                return new PostgresServingState(db.open());
            }
        };
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
