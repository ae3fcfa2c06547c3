package dev.flywheel.quality;

import java.util.Set;
import java.util.TreeSet;

/**
 * The users (bots) and items (clickbait) whose feedback a loop's training leaves out, as flagged by
 * its contamination monitor so far. Their events stay in the log, flagged; the learners, features and
 * training snapshots skip them. A user is excluded from the entry after the window that flagged
 * them on: what was learned from them before stays learned. Written by the log runner; the sets are
 * replaced, never changed in place, so readers on other threads (a snapshot being written) see a
 * consistent copy.
 */
public final class Exclusions {
    /** Excludes nothing: for loops whose monitors are off, or whose action is not configured. */
    public static final Exclusions NONE = new Exclusions();
    private volatile Set<String> users = Set.of();
    private volatile Set<String> items = Set.of();

    public boolean excludesUser(String user) {
        return user != null && users.contains(user);
    }

    public boolean excludesItem(String item) {
        return item != null && items.contains(item);
    }

    /** Whether feedback of {@code user} on {@code item} is left out of training snapshots. */
    public boolean excludes(String user, String item) {
        return excludesUser(user) || excludesItem(item);
    }

    public Set<String> users() {
        return users;
    }

    public Set<String> items() {
        return items;
    }

    void addUsers(Set<String> more) {
        if (this == NONE || users.containsAll(more)) return;
        Set<String> next = new TreeSet<>(users);
        next.addAll(more);
        users = Set.copyOf(next);
    }

    void addItems(Set<String> more) {
        if (this == NONE || items.containsAll(more)) return;
        Set<String> next = new TreeSet<>(items);
        next.addAll(more);
        items = Set.copyOf(next);
    }
}
