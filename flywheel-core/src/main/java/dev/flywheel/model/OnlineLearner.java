package dev.flywheel.model;

import dev.flywheel.log.LogConsumer;
import dev.flywheel.outcome.Outcome;

/**
 * A model that learns while it serves: it reads decisions and events from the log like any stream
 * operator (features), and is handed every closed outcome of its loop (training rows).
 */
public interface OnlineLearner extends LogConsumer {
    void onOutcome(Outcome outcome);
}
