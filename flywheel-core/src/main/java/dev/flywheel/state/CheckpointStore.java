package dev.flywheel.state;

import java.util.List;
import java.util.Optional;

/**
 * Where checkpoints are kept. {@link #save} is atomic: after a crash during it, the store holds the
 * checkpoints it held before, or those and the new one, never a part of it that {@link #latest}
 * would return. Adapters keep a few newest checkpoints, so a corrupt one falls back to the one before.
 */
public interface CheckpointStore {
    void save(Checkpoint checkpoint);

    /** The newest checkpoint that reads back intact; corrupt ones are skipped (and counted in {@link #skipped}). */
    Optional<Checkpoint> latest();

    /** The seqs of the checkpoints kept, oldest first, intact or not. */
    List<Long> seqs();

    /** How many checkpoints {@link #latest} has found corrupt and skipped since this store was opened. */
    long skipped();
}
