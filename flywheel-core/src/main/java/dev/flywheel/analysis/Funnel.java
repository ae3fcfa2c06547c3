package dev.flywheel.analysis;

import dev.flywheel.analysis.internal.Times;
import dev.flywheel.stats.Interval;
import dev.flywheel.stats.Proportion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ordered funnel per group. A user enters at their first event of step 1 (that event's group value is
 * the user's group); step k counts if the user has a step-k event no earlier than the step k-1 event
 * used and within the window from entry, taking the earliest such event each time (greedy earliest
 * matching finds the deepest progress for a fixed entry). Conversion intervals are Wilson.
 */
public record Funnel(FunnelSpec spec, Map<String, List<Step>> groups) {
    /** The group name used when no group column is given. */
    public static final String ALL = "all";

    public Funnel {
        Map<String, List<Step>> copy = new TreeMap<>();
        groups.forEach((g, s) -> copy.put(g, List.copyOf(s)));
        groups = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * One step of one group: users reaching it, conversion from the previous step (null for the first)
     * and from the first step, and the drop-off from the previous step (1 - step conversion).
     */
    public record Step(String step, long users, Proportion fromPrevious, Proportion fromStart, double dropOff,
                       Interval dropOffCi) {
    }

    private record Event(long time, int step, String group) {
    }

    public static Funnel analyze(Table table, FunnelSpec spec) {
        Map<String, List<Event>> byUser = events(table, spec);
        Map<String, long[]> reached = new HashMap<>();
        for (List<Event> events : byUser.values()) {
            events.sort(Comparator.comparingLong(Event::time).thenComparingInt(Event::step));
            Event entry = events.stream().filter(e -> e.step() == 0).findFirst().orElse(null);
            if (entry == null) {
                continue;
            }
            int depth = depth(events, entry, spec.window().toMillis(), spec.steps().size());
            long[] counts = reached.computeIfAbsent(entry.group(), g -> new long[spec.steps().size()]);
            for (int k = 0; k < depth; k++) {
                counts[k]++;
            }
        }
        Map<String, List<Step>> groups = new HashMap<>();
        reached.forEach((g, counts) -> groups.put(g, steps(spec, counts)));
        return new Funnel(spec, groups);
    }

    /** Number of steps reached (>= 1) from {@code entry}; events are sorted by time. */
    private static int depth(List<Event> events, Event entry, long window, int stepCount) {
        long deadline = entry.time() + window;
        long current = entry.time();
        int next = 1;
        for (Event e : events) {
            if (next == stepCount || e.time() > deadline) {
                break;
            }
            if (e.step() == next && e.time() >= current) {
                current = e.time();
                next++;
            }
        }
        return next;
    }

    private static Map<String, List<Event>> events(Table table, FunnelSpec spec) {
        String[] users = table.strings(spec.userColumn());
        String[] steps = table.strings(spec.stepColumn());
        String[] times = table.strings(spec.timeColumn());
        String[] groups = spec.groupColumn() == null ? null : table.strings(spec.groupColumn());
        Map<String, Integer> stepIndex = new HashMap<>();
        for (int k = 0; k < spec.steps().size(); k++) {
            stepIndex.put(spec.steps().get(k), k);
        }
        Map<String, List<Event>> byUser = new HashMap<>();
        for (int i = 0; i < users.length; i++) {
            Integer k = stepIndex.get(steps[i].trim());
            if (k == null) {
                continue;
            }
            long t;
            try {
                t = Times.epochMillis(times[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column '" + spec.timeColumn() + "' row " + (i + 1) + ": "
                        + e.getMessage());
            }
            byUser.computeIfAbsent(users[i], u -> new ArrayList<>())
                    .add(new Event(t, k, groups == null ? ALL : groups[i]));
        }
        return byUser;
    }

    private static List<Step> steps(FunnelSpec spec, long[] counts) {
        List<Step> out = new ArrayList<>();
        double c = spec.confidence();
        for (int k = 0; k < counts.length; k++) {
            Proportion start = Proportion.wilson(counts[k], counts[0], c);
            if (k == 0) {
                out.add(new Step(spec.steps().get(0), counts[0], null, start, Double.NaN, null));
                continue;
            }
            Proportion prev = Proportion.wilson(counts[k], counts[k - 1], c);
            Interval drop = new Interval(1 - prev.interval().high(), 1 - prev.interval().low());
            out.add(new Step(spec.steps().get(k), counts[k], prev, start, 1 - prev.rate(), drop));
        }
        return out;
    }
}
