package dev.flywheel.cli.stack.internal;

import dev.flywheel.flink.JobMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;

/**
 * The Flink job run by its own entry point ({@link JobMain}, the arguments {@code flink run} takes) on
 * a MiniCluster in this JVM, on a thread of its own: {@code JobMain} blocks until the job ends, which
 * an unbounded Kafka source never does, so {@link #close} cancels it through the client the
 * environment handed over.
 */
public final class LocalJob implements AutoCloseable {
    private static final Duration START = Duration.ofMinutes(2);
    private final Thread thread;
    private final CompletableFuture<JobClient> client = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private LocalJob(List<String> args, Configuration settings) {
        thread = new Thread(() -> run(args, settings), "flywheel-flink-job");
        thread.setDaemon(true);
    }

    /**
     * Starts {@code JobMain} with {@code args} and returns once the job runs.
     *
     * @param checkpoints where the MiniCluster keeps checkpoints: in files, since the job manager's memory
     *                    refuses a topology state over 5 MB (docs/flink-job.md)
     */
    public static LocalJob start(List<String> args, Path checkpoints) {
        // records between operators that are not chained wait up to the buffer timeout (100 ms by default)
        // in a network buffer: each hop would add that to the time a decide waits for the feedback before it
        Configuration c = Configuration.fromMap(Map.of("execution.checkpointing.storage", "filesystem",
                "execution.checkpointing.dir", checkpoints.toUri().toString(), "parallelism.default", "1",
                "execution.buffer-timeout.interval", "5ms"));
        LocalJob job = new LocalJob(args, c);
        job.thread.start();
        try {
            job.awaitRunning();
        } catch (RuntimeException e) {
            job.close();
            throw e;
        }
        return job;
    }

    private void run(List<String> args, Configuration settings) {
        JobEnvironment.install(settings, new Listener());
        try {
            JobMain.main(args.toArray(String[]::new));
            ended.complete(null);
        } catch (Throwable t) {
            client.completeExceptionally(t);
            ended.completeExceptionally(t);
        } finally {
            JobEnvironment.uninstall();
        }
    }

    private void awaitRunning() {
        long deadline = System.nanoTime() + START.toNanos();
        try {
            JobClient c = client.get(START.toMillis(), TimeUnit.MILLISECONDS);
            while (c.getJobStatus().get() != JobStatus.RUNNING) {
                if (ended.isDone() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Flink job did not start: " + c.getJobStatus().get() + failure());
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Flink job started", e);
        } catch (Exception e) {
            throw new IllegalStateException("the Flink job did not start: " + e.getMessage(), e);
        }
    }

    private String failure() {
        return ended.isCompletedExceptionally() ? " (" + ended.handle((v, t) -> t.getMessage()).join() + ")" : "";
    }

    /** Whether the job ended on its own (it failed: the Kafka source is unbounded); its failure is in {@link #check}. */
    public boolean ended() {
        return ended.isDone();
    }

    /** Throws what stopped the job, if it stopped. */
    public void check() {
        if (ended.isCompletedExceptionally()) throw new IllegalStateException("the Flink job stopped" + failure());
        if (ended.isDone()) throw new IllegalStateException("the Flink job ended");
    }

    /** Cancels the job and waits until its MiniCluster is down. */
    @Override
    public void close() {
        try {
            if (client.isDone() && !client.isCompletedExceptionally() && !ended.isDone()) {
                client.join().cancel().get(1, TimeUnit.MINUTES);
            }
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a job that already ended cannot be cancelled; the thread ends either way
        }
    }

    /** Hands the job's client over as soon as the job is submitted. */
    private final class Listener implements JobListener {
        @Override
        public void onJobSubmitted(JobClient c, Throwable t) {
            if (c != null) client.complete(c);
            else client.completeExceptionally(t);
        }

        @Override
        public void onJobExecuted(JobExecutionResult result, Throwable t) {
            // JobMain returns or throws: the thread sees it
        }
    }
}
