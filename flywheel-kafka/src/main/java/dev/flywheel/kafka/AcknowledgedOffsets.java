package dev.flywheel.kafka;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where one writer's acknowledged appends sit in the log topic, so a server can tell which of its
 * own entries the stream operators have applied: per append group, its last seq and the highest
 * offset it got in each partition. Within a partition offsets grow with the writer's seqs (appends
 * are sequential), so "every entry up to seq S is applied" is "every group up to S has its offsets
 * at or below the applied ones".
 *
 * <p>Bounded: at most {@link #MAX_MARKS} groups wait to be covered (a stream stopped for long); the
 * oldest are then forgotten, and the seq they reach counts as applied (a decide waits less, never
 * forever). Thread-safe.
 */
public final class AcknowledgedOffsets {
    static final int MAX_MARKS = 1_000_000;
    private final Deque<Mark> waiting = new ArrayDeque<>();
    private final Map<Integer, Long> highest = new HashMap<>();
    private long covered = -1;

    private record Mark(long lastSeq, Map<Integer, Long> offsets) { }

    /** An append group whose entries up to {@code lastSeq} were acknowledged at {@code offsets} (partition → highest offset). */
    synchronized void acknowledged(long lastSeq, Map<Integer, Long> offsets) {
        offsets.forEach((p, o) -> highest.merge(p, o, Math::max));
        waiting.addLast(new Mark(lastSeq, Map.copyOf(offsets)));
        if (waiting.size() > MAX_MARKS) covered = Math.max(covered, waiting.removeFirst().lastSeq());
    }

    /** Per partition of the log topic, the highest offset an append of this writer was acknowledged at. */
    public synchronized Map<Integer, Long> highest() {
        return Map.copyOf(highest);
    }

    /**
     * The highest seq of this writer such that every entry it appended up to it is at or below
     * {@code applied} (partition → highest applied offset); -1 when none.
     */
    public synchronized long coveredBy(Map<Integer, Long> applied) {
        while (!waiting.isEmpty() && covers(applied, waiting.peekFirst().offsets())) covered = waiting.removeFirst().lastSeq();
        return covered;
    }

    private static boolean covers(Map<Integer, Long> applied, Map<Integer, Long> offsets) {
        for (var e : offsets.entrySet()) {
            Long a = applied.get(e.getKey());
            if (a == null || a < e.getValue()) return false;
        }
        return true;
    }
}
