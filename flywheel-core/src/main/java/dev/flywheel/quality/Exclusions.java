package dev.flywheel.quality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The users (bots) and items (clickbait) whose feedback a loop's training leaves out, as flagged by
 * its contamination monitor so far. Their events stay in the log, flagged; the learners, features and
 * training snapshots skip them. A user is excluded from the entry after the window that flagged
 * them on, and at that entry the {@linkplain #onNewUsers listeners} forget what the user gave
 * before: the feedback features take the user's share out of every item's counts and the
 * collaborative learner drops the user's interactions; only the online ranker's global weights keep
 * what they learned from them. A replay names the same users at the same entries, so it forgets at
 * the same positions and reaches the same state. Written by the log runner; the sets are replaced,
 * never changed in place, so readers on other threads (a snapshot being written) see a consistent
 * copy.
 */
public final class Exclusions {
    /** Excludes nothing: for loops whose monitors are off, or whose action is not configured. */
    public static final Exclusions NONE = new Exclusions();
    private volatile Set<String> users = Set.of();
    private volatile Set<String> items = Set.of();
    /** Registered while the topology is built, called on the log runner thread. */
    private final List<Consumer<Set<String>>> listeners = new ArrayList<>();

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

    /**
     * {@code listener} gets the users each naming adds (in order), after they are excluded, at the log
     * entry that named them. {@link #NONE} names nobody and keeps no listener.
     */
    public void onNewUsers(Consumer<Set<String>> listener) {
        if (this != NONE) listeners.add(listener);
    }

    void addUsers(Set<String> more) {
        if (this == NONE || users.containsAll(more)) return;
        Set<String> added = new TreeSet<>(more);
        added.removeAll(users);
        Set<String> next = new TreeSet<>(users);
        next.addAll(added);
        users = Set.copyOf(next);
        Set<String> named = Collections.unmodifiableSet(added);
        listeners.forEach(l -> l.accept(named));
    }

    /**
     * The users and items named before a checkpoint, restored without telling the listeners: the
     * state they keep was checkpointed after they forgot, so forgetting again would be wrong.
     */
    void restore(Set<String> namedUsers, Set<String> namedItems) {
        if (this == NONE) return;
        users = Set.copyOf(new TreeSet<>(namedUsers));
        items = Set.copyOf(new TreeSet<>(namedItems));
    }

    void addItems(Set<String> more) {
        if (this == NONE || items.containsAll(more)) return;
        Set<String> next = new TreeSet<>(items);
        next.addAll(more);
        items = Set.copyOf(next);
    }
}
