package dev.flywheel.state;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Runs the operators' restores on as many threads as there are cores, and waits for all of them. */
final class Restorer {
    private Restorer() { }

    /**
     * Applies {@code restore} to every operator, in the list's order as threads free up. The first
     * failure is rethrown (as it was, when unchecked) once every restore has ended: the operators are
     * then half restored, and the caller builds them again.
     */
    static void run(List<OperatorState> operators, Consumer<OperatorState> restore) {
        int threads = Math.max(1, Math.min(operators.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "flywheel-restore");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = operators.stream().<Future<?>>map(op -> pool.submit(() -> restore.accept(op))).toList();
            RuntimeException failure = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (failure == null) failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
            if (failure != null) throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restoring a checkpoint", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
