package dev.flywheel.model;

import java.time.Instant;

/**
 * Where the ranker's collaborative inputs come from: the loop's learner (its latest models), or a
 * version's own models trained from its snapshot ({@link SnapshotCollaborative}), both read with the
 * user's latest interactions in the loop.
 */
interface CollaborativeSource {
    /** The user's signals as of {@code at}. */
    UserSignals signals(String user, Instant at);

    /** The item's number in the models' numbering, -1 for an item they never saw. */
    int item(String item);

    /** The id of item number {@code item}. */
    String itemName(int item);
}
