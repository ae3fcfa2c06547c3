/**
 * Checkpoints of the stream operators' state. Contract: a {@link dev.flywheel.state.Checkpoint}
 * holds every stateful operator's state as it was after applying the log up to and including its
 * {@code seq}, taken between entries on the runner's thread; restoring it into freshly built
 * operators and then applying the entries after {@code seq} gives the same state as applying the
 * whole log. The log stays the truth: a checkpoint that is torn, corrupt, or written by another
 * topology is skipped for an older one, or for a full replay.
 */
package dev.flywheel.state;
