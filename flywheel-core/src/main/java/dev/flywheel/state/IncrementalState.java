package dev.flywheel.state;

/**
 * An operator whose state a checkpoint can keep as a base ({@link #writeState}) followed by change
 * sets ({@link #writeChanges}), each holding what changed since the one before: a checkpoint then
 * costs what changed rather than what is. Restoring reads the base, then each change set in the
 * order written; the operator's full {@link #writeState} afterwards is byte for byte what the
 * operator that wrote them would have written at the last one.
 *
 * <p>Recording is off until {@link #trackChanges} (an engine that always writes whole states does not
 * pay for it), and is separate from any other change feed the operator keeps (the features' drain
 * for servers): each consumer sees every change. Removed keys are recorded as removals.
 */
public interface IncrementalState extends OperatorState {
    /** Starts recording changes: the first {@link #writeChanges} holds those since this call. */
    void trackChanges();

    /** Writes what changed since the last {@link #writeChanges} or {@link #dropChanges}, and forgets it. */
    void writeChanges(StateWriter out);

    /** Forgets what changed so far: a base was just written, and it holds the changes. */
    void dropChanges();

    /** Applies a change set on top of the state read so far ({@link #readState}, then earlier change sets). */
    void readChanges(StateReader in);
}
