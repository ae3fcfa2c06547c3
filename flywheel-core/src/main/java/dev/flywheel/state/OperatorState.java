package dev.flywheel.state;

/**
 * A stream operator whose state a checkpoint keeps. {@link #writeState} runs on the runner's thread
 * between entries; {@link #readState} runs once, on an operator just built, before any entry.
 * The format is the operator's own: it writes a version first and refuses one it does not know
 * (throwing {@link IllegalStateException}), so a checkpoint from older code falls back to a replay.
 */
public interface OperatorState {
    /** Unique among the operators of one topology, and stable across restarts of the same configuration. */
    String stateName();

    void writeState(StateWriter out);

    void readState(StateReader in);
}
