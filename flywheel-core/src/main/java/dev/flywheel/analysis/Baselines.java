package dev.flywheel.analysis;

import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The baselines of a replay evaluation, from the same training entries the model sees: popularity
 * ranks by how many users reacted with a relevant type ("most liked first"), ties by how many users
 * interacted at all; random ranks at random. Both get the candidates the model gets.
 */
final class Baselines {
    static final String POPULARITY = "popularity";
    static final String RANDOM = "random";
    private final Set<String> relevantTypes;
    private final String loop;
    private final Map<String, Set<String>> relevantUsers = new HashMap<>();
    private final Map<String, Set<String>> users = new HashMap<>();

    Baselines(Set<String> relevantTypes, String loop) {
        this.relevantTypes = relevantTypes;
        this.loop = loop;
    }

    void see(LogEntry e) {
        if (!(e instanceof LogEntry.EventEntry x)) return;
        Event ev = x.event();
        if (ev.item() == null || (ev.loop() != null && !ev.loop().equals(loop))) return;
        users.computeIfAbsent(ev.item(), i -> new HashSet<>()).add(ev.user());
        if (relevantTypes.contains(ev.type())) relevantUsers.computeIfAbsent(ev.item(), i -> new HashSet<>()).add(ev.user());
    }

    /**
     * The offerable items, most popular first, ties in offerable order. The order is the same for every
     * user, so it is ranked once and {@link #popular} takes each user's top from it.
     */
    List<String> byPopularity(List<String> offerable) {
        List<String> sorted = new ArrayList<>(offerable);
        sorted.sort((a, b) -> {
            int c = Integer.compare(count(relevantUsers, b), count(relevantUsers, a));
            return c != 0 ? c : Integer.compare(count(users, b), count(users, a));
        });
        return sorted;
    }

    /**
     * The first {@code k} of {@code byPopularity} not in {@code excluded}: the same as ranking the user's
     * candidates (the offerable items less the excluded, in offerable order) by popularity, as the sort
     * is stable.
     */
    static List<String> popular(List<String> byPopularity, Set<String> excluded, int k) {
        List<String> out = new ArrayList<>(k);
        for (int i = 0; i < byPopularity.size() && out.size() < k; i++) {
            if (!excluded.contains(byPopularity.get(i))) out.add(byPopularity.get(i));
        }
        return List.copyOf(out);
    }

    List<String> random(List<String> candidates, int k, long seed) {
        List<String> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, Math.min(k, shuffled.size())));
    }

    private static int count(Map<String, Set<String>> m, String item) {
        Set<String> s = m.get(item);
        return s == null ? 0 : s.size();
    }
}
