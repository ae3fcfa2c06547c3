package dev.flywheel.stream;

import dev.flywheel.log.EventLog;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs stream operators in this process: one thread follows the log from the beginning and hands
 * every entry to every operator in seq order. Replaying from the start on each start rebuilds all
 * in-memory state (catalog, features, learners) from the truth; checkpoints can shorten that later.
 */
public final class EmbeddedRunner implements AutoCloseable {
    private static final int CHUNK = 10_000;
    private final EventLog log;
    private final List<LogConsumer> operators;
    private final LogReader reader;
    private volatile long processed = -1;
    private volatile boolean running;
    private volatile RuntimeException failure;
    private Thread thread;

    public EmbeddedRunner(EventLog log, List<LogConsumer> operators) {
        this.log = log;
        this.operators = List.copyOf(operators);
        this.reader = log.reader(0);
    }

    /** Replays what the log holds now, on the calling thread. */
    public void catchUp() {
        while (step() > 0) {
            // until the reader reaches the end
        }
    }

    public synchronized void start() {
        if (thread != null) return;
        running = true;
        thread = new Thread(this::run, "flywheel-stream-runner");
        thread.setDaemon(true);
        thread.start();
    }

    /** The highest seq every operator has seen. */
    public long processedSeq() {
        return processed;
    }

    /** Waits until the operators have seen everything appended before this call. */
    public boolean awaitCurrent(long timeoutMillis) {
        long target = log.nextSeq() - 1;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (processed < target) {
            if (failure != null) throw failure;
            if (System.nanoTime() > deadline) return false;
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    private int step() {
        int[] n = {0};
        reader.poll(CHUNK, e -> {
            for (LogConsumer op : operators) op.accept(e);
            processed = e.seq();
            n[0]++;
        });
        return n[0];
    }

    private void run() {
        while (running) {
            try {
                if (step() == 0) LockSupport.parkNanos(500_000);
            } catch (RuntimeException e) {
                // an operator that throws would otherwise stop every other one; the failure is
                // visible to anyone waiting, and the entry is not retried (operators must not throw)
                failure = e;
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reader.close();
    }

}
