package dev.flywheel.model;

/**
 * Where a loop's ranker reads its collaborative inputs when the learner runs elsewhere (a server of
 * the distributed shape: the stream operators train and publish, the server reads). Implementations
 * cache; each answer is a published state, possibly older than the operators' newest.
 */
public interface CollaborativeReads {
    /** The newest published models, or null before the first training. */
    PublishedCollaborative models();

    /** The user's latest interactions as published; {@link InteractionHistory#NONE} when none. */
    InteractionHistory history(String user);

    /** How many users' values derived from these reads (their folded-in factors) a reader keeps at most. */
    int maxUsers();
}
