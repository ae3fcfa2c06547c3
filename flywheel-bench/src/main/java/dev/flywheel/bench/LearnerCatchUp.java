package dev.flywheel.bench;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.store.file.SegmentedFileLog;
import dev.flywheel.stream.EmbeddedRunner;
import dev.flywheel.topology.LoopStatus;
import dev.flywheel.topology.Topology;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How fast the stream operators of a loop (outcome join, features, learned ranker, collaborative
 * models) absorb a product's history, as the engine does at a start or after an import: a synthetic
 * rating history of {@code events} events is written to a fresh log, then one runner applies it
 * (batch models train beside it, as in the engine) and the time until the runner has applied the
 * whole log, and until the collaborative models are trained on all of it, is measured.
 *
 * <p>The world: users belong to one of 20 taste groups; each rating picks an item (Zipf-like
 * popularity) from the user's group with probability 0.7; it is an impression plus a like when the
 * item is of the user's group (else a like with probability 0.2, a dislike with 0.3).
 */
public final class LearnerCatchUp {
    /** What one run measured. */
    public record Result(long events, double writeSeconds, double catchUpSeconds, double trainedSeconds, double cpuSeconds,
                         long heapMb, LoopStatus status) {
        public double eventsPerSecond() {
            return events / catchUpSeconds;
        }
    }

    private LearnerCatchUp() { }

    public static Result run(Path dir, LoopSpec loop, long events, long seed) throws InterruptedException {
        long t0 = System.nanoTime();
        try (SegmentedFileLog log = new SegmentedFileLog(dir.resolve("log"), false, 256L << 20)) {
            long written = write(log, events, seed);
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            Topology topology = Topology.build(List.of(loop), new Catalog(), null);
            long cpu0 = cpu();
            long t1 = System.nanoTime();
            try (topology; EmbeddedRunner runner = new EmbeddedRunner(log, topology.operators())) {
                runner.catchUp();
                double catchUp = (System.nanoTime() - t1) / 1e9;
                runner.idleNow();
                LoopStatus s = awaitTrained(topology, log.nextSeq() - 1);
                double trained = (System.nanoTime() - t1) / 1e9;
                return new Result(written, writeSeconds, catchUp, trained, (cpu() - cpu0) / 1e9, heapMb(), s);
            }
        }
    }

    private static LoopStatus awaitTrained(Topology topology, long last) throws InterruptedException {
        while (true) {
            LoopStatus s = topology.status().get(0);
            if (!s.training() && s.trainedSeq() != null && s.trainedSeq() >= last) return s;
            Thread.sleep(20);
        }
    }

    /** Appends the synthetic rating history of {@code events} events to {@code log}; returns how many were written. */
    public static long write(SegmentedFileLog log, long events, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int users = (int) Math.max(100, events / 150);
        int items = (int) Math.max(500, Math.min(200_000, events / 200));
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        List<LogEntry> chunk = new ArrayList<>(50_000);
        long seq = 0;
        long rating = 0;
        while (seq < events) {
            int user = r.nextInt(users);
            int group = user % 20;
            int item = pick(r, items, r.nextDouble() < 0.7 ? group : r.nextInt(20));
            boolean mine = item % 20 == group;
            String u = "u" + user;
            String i = "i" + item;
            t = t.plusMillis(1 + r.nextInt(20_000));
            chunk.add(new LogEntry.EventEntry(seq++, 0, new Event("r" + rating + "i", "impression", t, u, null, null, null, i, null, null)));
            double x = r.nextDouble();
            String type = mine ? "like" : x < 0.2 ? "like" : x < 0.5 ? "dislike" : null;
            if (type != null) chunk.add(new LogEntry.EventEntry(seq++, 0, new Event("r" + rating + type.charAt(0), type, t, u, null, null, null, i, null, null)));
            rating++;
            if (chunk.size() >= 50_000) {
                log.append(chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) log.append(chunk);
        return seq;
    }

    /** An item of {@code group} (items are numbered so that item % 20 is its group), popular ones likelier. */
    private static int pick(SplittableRandom r, int items, int group) {
        int perGroup = items / 20;
        int rank = (int) Math.min(perGroup - 1, Math.floor(Math.pow(perGroup, r.nextDouble())) - 1);
        return rank * 20 + group;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long heapMb() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }
}
