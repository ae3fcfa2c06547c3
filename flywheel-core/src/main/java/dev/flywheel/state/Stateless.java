package dev.flywheel.state;

/**
 * Marks a stream operator that holds no state a checkpoint needs: what it buffers it writes out at
 * the end of every chunk, and checkpoints are taken between chunks. An operator that is neither this
 * nor {@link OperatorState} makes a topology uncheckpointable, so its state is never silently lost.
 */
public interface Stateless {
}
