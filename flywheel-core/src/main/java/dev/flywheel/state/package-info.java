/**
 * Checkpoints of the stream operators' state. Contract: a {@link dev.flywheel.state.Checkpoint}
 * holds every stateful operator's state as it was after applying the log up to and including its
 * {@code seq}, taken between entries on the runner's thread; restoring it into freshly built
 * operators and then applying the entries after {@code seq} gives the same state as applying the
 * whole log. The log stays the truth: a checkpoint that is torn, corrupt, or written by another
 * topology is skipped for an older one, or for a full replay. Operators read their states side by
 * side ({@link dev.flywheel.state.Checkpoint#restoreInto}), so a {@code readState} touches only its
 * own operator; one may keep parts of its state as the checkpoint's bytes
 * ({@link dev.flywheel.state.StateBytes}) until they are used, writing them back unchanged. An
 * {@link dev.flywheel.state.IncrementalState} operator can also be kept as a base followed by change
 * sets ({@link dev.flywheel.state.Checkpoint#withChanges}, the Flink job's checkpoints); the embedded
 * engine's checkpoints hold whole states.
 */
package dev.flywheel.state;
