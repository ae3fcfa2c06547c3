package dev.flywheel.ingest;

import java.util.Optional;

/**
 * Where the ingest pipeline leaves the ids it has stored when it closes, so the next start reads the
 * log written after them instead of every stored id (at ten million events that read was most of a
 * start). Only a shortcut: a snapshot that is missing, unreadable, or does not add up with the store
 * is ignored, and the ids are read from the store as before.
 */
public interface IdSnapshotStore {
    /** Replaces the snapshot atomically: after a crash the old one or the new one is there, whole. */
    void save(IdSnapshot snapshot);

    /** The snapshot, or empty when there is none or it does not read back intact. */
    Optional<IdSnapshot> latest();
}
