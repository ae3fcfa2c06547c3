package dev.flywheel.cli.engine;

import dev.flywheel.rollout.Autopilot;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the autopilot's ticks on one daemon thread at a fixed wall-clock delay. A tick that fails is
 * logged and counted; the next one tries again. Closing waits for a running tick to finish, so a
 * change is never cut off by the engine's own shutdown (a crash is another matter: see the audit log).
 */
final class AutopilotThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AutopilotThread.class);
    private final Autopilot autopilot;
    private final Duration tick;
    private ScheduledExecutorService executor;

    AutopilotThread(Autopilot autopilot, Duration tick) {
        this.autopilot = autopilot;
        this.tick = tick;
    }

    void start() {
        if (tick.isZero()) return; // ticks are driven by the caller
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flywheel-autopilot");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            autopilot.tick().forEach(r -> LOG.info("{} {} {} by {}: {}", r.loop(), r.action().label(), r.version(), r.actor(), r.reason()));
        } catch (RuntimeException e) {
            LOG.warn("autopilot tick failed (tried again at the next tick): {}", e.toString());
        }
    }

    Autopilot autopilot() {
        return autopilot;
    }

    @Override
    public void close() {
        if (executor == null) return;
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
