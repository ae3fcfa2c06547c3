package dev.flywheel.cli.stack.internal;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobListener;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The environment the job's own main gets from {@code getExecutionEnvironment()} while it runs here:
 * a local one (a MiniCluster for the job) with this stack's settings (checkpoints in files, parallelism
 * 1) and a listener that hands over the job's client, so the stack can cancel a job that never ends.
 * A subclass only because Flink's hook for a context environment is protected; not a
 * {@code LocalStreamEnvironment}, which refuses to be created under a context environment, but the
 * same executor ({@code execution.target: local}, attached).
 */
final class JobEnvironment extends StreamExecutionEnvironment {
    private JobEnvironment(Configuration c) {
        super(c);
    }

    /** From now on, on this thread, the job's main runs on a local MiniCluster with {@code settings}. */
    static void install(Configuration settings, JobListener listener) {
        initializeContextEnvironment(given -> {
            Configuration merged = new Configuration(given);
            merged.addAll(settings);
            merged.setString("execution.target", "local");
            merged.setString("execution.attached", "true");
            StreamExecutionEnvironment env = new JobEnvironment(merged);
            env.registerJobListener(listener);
            return env;
        });
    }

    static void uninstall() {
        resetContextEnvironment();
    }
}
