package dev.flywheel.log;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A background thread that follows the log and does something with each chunk of entries (apply
 * it to a store, hand it to stream operators). It owns the thread, the progress seq, the failure
 * of the last step, and waiting for progress; subclasses say what one step does.
 */
public abstract class LogFollower implements AutoCloseable {
    protected final EventLog log;
    private final String threadName;
    private volatile long progress;
    private volatile boolean running;
    private volatile RuntimeException failure;
    private Thread thread;

    protected LogFollower(EventLog log, String threadName, long progress) {
        this.log = log;
        this.threadName = threadName;
        this.progress = progress;
    }

    /** Does one chunk of work; returns how many entries it handled (0 when there was nothing to do). */
    protected abstract int step();

    /** Whether to step now; followers that yield to ingest override it. */
    protected boolean due() {
        return true;
    }

    /** Called after a step threw; the follower retries after a pause. */
    protected void recover(RuntimeException e) { }

    protected final void progressTo(long seq) {
        progress = seq;
    }

    /** The highest seq handled. */
    public final long progress() {
        return progress;
    }

    /** Runs steps on the calling thread until there is nothing left. */
    public final long catchUp() {
        while (step() > 0) {
            // keep going until the end of the log
        }
        return progress;
    }

    public final synchronized void start() {
        if (thread != null) return;
        running = true;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until the follower has handled every entry up to {@code seq}.
     *
     * @return false when the wait timed out
     */
    public boolean awaitSeq(long seq, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (progress < seq) {
            if (failure != null) throw failure;
            if (System.nanoTime() > deadline) return false;
            LockSupport.parkNanos(200_000);
        }
        return true;
    }

    /** Waits until the follower has handled everything the log held when this was called. */
    public final boolean awaitCurrent(long timeoutMillis) {
        return awaitSeq(log.nextSeq() - 1, timeoutMillis);
    }

    private void run() {
        while (running) {
            try {
                int n = due() ? step() : 0;
                failure = null;
                if (n == 0) LockSupport.parkNanos(500_000);
            } catch (RuntimeException e) {
                // a failing step must not spin; the log still holds everything for the retry
                failure = e;
                recover(e);
                LockSupport.parkNanos(1_000_000_000L);
            }
        }
    }

    /** Stops the thread after its current step. */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
