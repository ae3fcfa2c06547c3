package dev.flywheel.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;

/**
 * The state of every stateful operator after the log entry {@code seq} (-1: before the first), by
 * operator name, each as the bytes its {@link OperatorState#writeState} wrote: arrays when taken,
 * in place in the file when read back from a store ({@link StateBytes}).
 */
public final class Checkpoint {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private final long seq;
    private final Instant takenAt;
    private final Map<String, StateBytes> parts;
    private final boolean afterIdle;
    /** Per incremental operator, the change sets to apply after its part, oldest first ({@link IncrementalState}). */
    private final Map<String, List<StateBytes>> changes;

    /**
     * @param afterIdle whether the operators had been told the log was idle at {@code seq} (an idle
     *                  closes windows without an entry): a start from such a checkpoint that finds no
     *                  newer entry need not checkpoint its own idle again
     */
    public Checkpoint(long seq, Instant takenAt, Map<String, byte[]> states, boolean afterIdle) {
        this(seq, takenAt, afterIdle, wrap(states));
    }

    /** A checkpoint taken between entries, before any idle at {@code seq}. */
    public Checkpoint(long seq, Instant takenAt, Map<String, byte[]> states) {
        this(seq, takenAt, states, false);
    }

    private Checkpoint(long seq, Instant takenAt, boolean afterIdle, Map<String, StateBytes> parts) {
        this(seq, takenAt, afterIdle, parts, Map.of());
    }

    private Checkpoint(long seq, Instant takenAt, boolean afterIdle, Map<String, StateBytes> parts,
                       Map<String, List<StateBytes>> changes) {
        if (seq < -1) throw new IllegalArgumentException("seq must be at least -1, got " + seq);
        if (takenAt == null) throw new IllegalArgumentException("takenAt is required");
        if (parts == null) throw new IllegalArgumentException("states are required");
        this.seq = seq;
        this.takenAt = takenAt;
        this.afterIdle = afterIdle;
        this.parts = java.util.Collections.unmodifiableMap(new TreeMap<>(parts));
        for (String name : changes.keySet()) {
            if (!parts.containsKey(name)) throw new IllegalArgumentException("changes of " + name + ", which has no base");
        }
        this.changes = Map.copyOf(changes);
    }

    /**
     * A checkpoint whose incremental operators' states are a base ({@code parts}) followed by change
     * sets ({@code changes}, oldest first), applied in order on restore ({@link IncrementalState#readChanges}).
     */
    public static Checkpoint withChanges(long seq, Instant takenAt, Map<String, StateBytes> parts,
                                         Map<String, List<StateBytes>> changes) {
        Map<String, List<StateBytes>> copy = new TreeMap<>();
        changes.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        return new Checkpoint(seq, takenAt, false, parts, copy);
    }

    /** The change sets after each incremental operator's base, oldest first; empty for a whole-state checkpoint. */
    public Map<String, List<StateBytes>> changes() {
        return changes;
    }

    /** A checkpoint whose states stay where they are (a store's file mapped into memory). */
    public static Checkpoint ofParts(long seq, Instant takenAt, Map<String, StateBytes> parts, boolean afterIdle) {
        return new Checkpoint(seq, takenAt, afterIdle, parts);
    }

    private static Map<String, StateBytes> wrap(Map<String, byte[]> states) {
        if (states == null) throw new IllegalArgumentException("states are required");
        Map<String, StateBytes> out = new TreeMap<>();
        states.forEach((name, b) -> out.put(name, StateBytes.of(b, 0, b.length)));
        return out;
    }

    public long seq() {
        return seq;
    }

    public Instant takenAt() {
        return takenAt;
    }

    public boolean afterIdle() {
        return afterIdle;
    }

    /** Each operator's state by name, where it is. */
    public Map<String, StateBytes> parts() {
        return parts;
    }

    /** Each operator's state by name, as a copy: for tools and tests that compare bytes. */
    public Map<String, byte[]> states() {
        Map<String, byte[]> out = new TreeMap<>();
        parts.forEach((name, b) -> out.put(name, b.toArray()));
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The state of {@code operators} after entry {@code seq}; null when one of them can be neither
     * checkpointed nor skipped ({@link Stateless}).
     */
    public static Checkpoint of(long seq, Instant takenAt, List<?> operators) {
        return of(seq, takenAt, false, operators);
    }

    /** The same, saying whether the operators were told the log was idle at {@code seq} ({@link #afterIdle}). */
    public static Checkpoint of(long seq, Instant takenAt, boolean afterIdle, List<?> operators) {
        Map<String, StateBytes> states = new TreeMap<>();
        for (Object op : operators) {
            if (op instanceof Stateless) continue;
            if (!(op instanceof OperatorState s)) return null;
            StateWriter w = new StateWriter();
            s.writeState(w);
            if (states.put(s.stateName(), w.written()) != null) {
                throw new IllegalStateException("two operators are named " + s.stateName());
            }
        }
        return new Checkpoint(seq, takenAt, afterIdle, states);
    }

    /** The names of the operators a checkpoint of {@code operators} holds; null when it cannot be taken. */
    public static Set<String> names(List<?> operators) {
        Set<String> out = new TreeSet<>();
        for (Object op : operators) {
            if (op instanceof Stateless) continue;
            if (!(op instanceof OperatorState s)) return null;
            out.add(s.stateName());
        }
        return out;
    }

    /**
     * Reads this checkpoint into {@code operators}, freshly built. Throws {@link IllegalStateException}
     * (before touching any operator when the names differ) if the checkpoint does not fit them: the
     * caller then builds the operators again and replays the log.
     *
     * <p>Operators own their state, so they read it side by side, one per core, the largest first:
     * the start waits for the slowest one instead of the sum.
     *
     * @return the seconds each operator took to read its state, by name, in the topology's order, and
     *         the CPU seconds of each ({@code "<name> cpu"}): on a shared machine the two differ
     */
    public Map<String, Double> restoreInto(List<?> operators) {
        Set<String> expected = names(operators);
        if (expected == null) throw new IllegalStateException("the topology has an operator that cannot be checkpointed");
        if (!expected.equals(parts.keySet())) {
            throw new IllegalStateException("checkpoint at seq " + seq + " holds " + parts.keySet() + ", the topology has " + expected);
        }
        List<OperatorState> ops = new java.util.ArrayList<>();
        for (Object op : operators) if (op instanceof OperatorState s) ops.add(s);
        Map<String, Double> seconds = new java.util.concurrent.ConcurrentHashMap<>();
        List<OperatorState> largestFirst = new java.util.ArrayList<>(ops);
        largestFirst.sort(java.util.Comparator.comparingInt((OperatorState s) -> parts.get(s.stateName()).length()).reversed());
        Restorer.run(largestFirst, s -> {
            long cpu = CPU.getCurrentThreadCpuTime();
            seconds.put(s.stateName(), restore(s));
            seconds.put(s.stateName() + " cpu", (CPU.getCurrentThreadCpuTime() - cpu) / 1e9);
        });
        Map<String, Double> ordered = new java.util.LinkedHashMap<>();
        ops.forEach(s -> ordered.put(s.stateName(), seconds.get(s.stateName())));
        ops.forEach(s -> ordered.put(s.stateName() + " cpu", seconds.get(s.stateName() + " cpu")));
        return ordered;
    }

    /** Reads one operator's state, then its change sets in order; returns the seconds it took. */
    private double restore(OperatorState s) {
        long t = System.nanoTime();
        StateReader r = parts.get(s.stateName()).reader();
        s.readState(r);
        if (!r.atEnd()) throw new IllegalStateException(s.stateName() + " state has bytes left over");
        List<StateBytes> sets = changes.getOrDefault(s.stateName(), List.of());
        if (!sets.isEmpty() && !(s instanceof IncrementalState)) {
            throw new IllegalStateException(s.stateName() + " has change sets but does not read them");
        }
        for (StateBytes set : sets) {
            StateReader c = set.reader();
            ((IncrementalState) s).readChanges(c);
            if (!c.atEnd()) throw new IllegalStateException(s.stateName() + " change set has bytes left over");
        }
        return (System.nanoTime() - t) / 1e9;
    }
}
