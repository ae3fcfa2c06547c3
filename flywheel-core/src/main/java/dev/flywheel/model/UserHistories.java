package dev.flywheel.model;

/** Where users' latest interactions in a loop are read: the loop's learner, or what it published. */
interface UserHistories {
    /** The user's latest interactions, oldest first; {@link InteractionHistory#NONE} when none. */
    InteractionHistory history(String user);
}
