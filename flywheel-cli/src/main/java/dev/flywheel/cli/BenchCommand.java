package dev.flywheel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.auth.ApiKeys;
import dev.flywheel.auth.IssuedKey;
import dev.flywheel.auth.Scope;
import dev.flywheel.bench.IngestLoad;
import dev.flywheel.bench.WrkSingleEvents;
import dev.flywheel.cli.engine.Engine;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.store.file.FileKeyStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flywheel bench}: load benchmarks against a real engine on a temporary data directory. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Decide.class, BenchCommand.Analysis.class,
                BenchCommand.Learner.class, StartupBench.class, KafkaBench.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /** What a benchmark does against a running engine, given its address and a key. */
    interface Body {
        ObjectNode run(URI base, String key) throws Exception;
    }

    /** Runs {@code body} against a fresh engine on a throw-away data directory, with one key of {@code scopes}. */
    static ObjectNode onFreshEngine(FlywheelConfig cfg, Set<Scope> scopes, Body body) {
        Path dir = TempDirs.create("flywheel-bench");
        IssuedKey k = ApiKeys.issue(scopes, "bench", Instant.now());
        new FileKeyStore(dir).put(k.key()); // before the engine starts, so its key ring has it at once
        try (Engine engine = Engine.open(dir, cfg, Clock.systemUTC(), null)) {
            return body.run(URI.create("http://127.0.0.1:" + engine.start()), k.secret());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("benchmark failed: " + e.getMessage(), e);
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Durable ingest throughput: batches over HTTP, and single events with wrk.")
    static final class Ingest implements Runnable {
        @Option(names = "--mode", defaultValue = "batch", description = "batch (Java client), wrk-batch or single (wrk)") String mode;
        @Option(names = "--batches", defaultValue = "600", description = "batches to send (batch mode)") int batches;
        @Option(names = "--batch-size", defaultValue = "1000", description = "events per batch") int batchSize;
        @Option(names = "--clients", defaultValue = "4", description = "concurrent clients (batch mode)") int clients;
        @Option(names = "--connections", defaultValue = "32", description = "wrk connections (single mode)") int connections;
        @Option(names = "--seconds", defaultValue = "20", description = "wrk duration (single mode)") int seconds;
        @Option(names = "--no-fsync", description = "acknowledge after write() without fsync") boolean noFsync;
        @Option(names = "--json", description = "print JSON") boolean json;
        @Option(names = "--monitors", description = "none (no loop), off (the events' loop, monitors off) or on "
                + "(its monitors and an expectation suite over every event)", defaultValue = "none") String monitors;

        @Override
        public void run() {
            FlywheelConfig cfg = FlywheelConfig.from(ingestConfig(monitors, !noFsync));
            ObjectNode out = onFreshEngine(cfg, Set.of(Scope.INGEST), (base, key) -> switch (mode) {
                case "single" -> wrk(base, key, 0);
                case "wrk-batch" -> wrk(base, key, batchSize);
                case "batch" -> batch(base, key);
                default -> throw new IllegalArgumentException("--mode: expected batch, wrk-batch or single, got " + mode);
            });
            out.put("fsync", !noFsync).put("cores", Runtime.getRuntime().availableProcessors()).put("monitors", monitors);
            System.out.println(json ? out.toString() : out.toPrettyString());
        }

        /**
         * The foundation's benchmark config, or with the loop the generated events name: monitors off,
         * or on with a suite of three row-level and three window-level expectations over every event.
         */
        static java.util.Map<String, Object> ingestConfig(String monitors, boolean fsync) {
            java.util.Map<String, Object> cfg = new java.util.LinkedHashMap<>(java.util.Map.of("server", java.util.Map.of("port", 0),
                    "log", java.util.Map.of("fsync", fsync)));
            if (monitors.equals("none")) return cfg;
            if (!monitors.equals("on") && !monitors.equals("off")) throw new IllegalArgumentException("--monitors: none, off or on, got " + monitors);
            boolean on = monitors.equals("on");
            cfg.put("loops", java.util.List.of(java.util.Map.of("name", "home-feed", "model", "external",
                    "quality", java.util.Map.of("enabled", on))));
            if (!on) return cfg;
            java.util.List<Object> expectations = java.util.List.of(
                    expectation("expect_column_values_to_not_be_null", java.util.Map.of("column", "item")),
                    expectation("expect_column_values_to_be_in_set", java.util.Map.of("column", "type",
                            "value_set", java.util.List.of("impression", "click", "like", "dislike"))),
                    expectation("expect_column_values_to_match_regex", java.util.Map.of("column", "user", "regex", "^u[0-9]+$")),
                    expectation("expect_table_row_count_to_be_between", java.util.Map.of("min_value", 1)),
                    expectation("expect_column_values_to_be_unique", java.util.Map.of("column", "id")),
                    expectation("expect_column_unique_value_count_to_be_between", java.util.Map.of("column", "user", "min_value", 1)));
            cfg.put("expectations", java.util.List.of(java.util.Map.of("suite", java.util.Map.of("name", "bench", "expectations", expectations),
                    "window", "1h")));
            return cfg;
        }

        private static java.util.Map<String, Object> expectation(String type, java.util.Map<String, Object> kwargs) {
            return java.util.Map.of("type", type, "kwargs", kwargs);
        }

        private ObjectNode batch(URI base, String key) throws Exception {
            System.err.println("warming up...");
            IngestLoad.run(base, key, Math.max(20, batches / 10), batchSize, clients, 1);
            System.err.printf("sending %d batches of %d events with %d clients...%n", batches, batchSize, clients);
            IngestLoad.Result r = IngestLoad.run(base, key, batches, batchSize, clients, 2);
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("mode", "batch").put("events", r.events()).put("seconds", r.seconds())
                    .put("events_per_second", Math.round(r.eventsPerSecond())).put("batch_p50_ms", r.p50Millis())
                    .put("batch_p99_ms", r.p99Millis()).put("avg_event_bytes", Math.round(r.avgEventBytes()))
                    .put("cpu_us_per_event", Math.round(r.cpuMicrosPerEvent() * 100) / 100.0);
            return o;
        }

        private ObjectNode wrk(URI base, String key, int size) throws Exception {
            if (!WrkSingleEvents.available()) throw new IllegalArgumentException("--mode " + mode + " needs wrk on the PATH (apt-get install wrk)");
            System.err.println("warming up...");
            WrkSingleEvents.run(base, key, 2, connections, 15, size); // long enough for the JIT to settle
            System.err.printf("wrk: %d connections for %ds...%n", connections, seconds);
            long cpu0 = IngestLoad.processCpuNanos();
            WrkSingleEvents.Result r = WrkSingleEvents.run(base, key, 2, connections, seconds, size);
            double serverCpuSeconds = (IngestLoad.processCpuNanos() - cpu0) / 1e9;
            double perSecond = r.requestsPerSecond() * Math.max(1, size);
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("mode", mode).put("requests_per_second", r.requestsPerSecond()).put("events_per_second", Math.round(perSecond))
                    .put("p50_ms", r.p50Millis()).put("p99_ms", r.p99Millis()).put("non_2xx", r.non2xx())
                    .put("server_cpu_us_per_event", Math.round(serverCpuSeconds / (perSecond * seconds) * 1e8) / 100.0);
            return o;
        }

    }

    @Command(name = "decide", mixinStandardHelpOptions = true,
            description = "Decide with 100 candidates under wrk load (p50/p99, decisions/s) and feedback-to-feature latency.")
    static final class Decide implements Runnable {
        @Option(names = "--connections", split = ",", defaultValue = "1,2,4,8,16", description = "wrk connection counts to sweep") java.util.List<Integer> connections;
        @Option(names = "--seconds", defaultValue = "10", description = "wrk duration per connection count") int seconds;
        @Option(names = "--warmup-seconds", defaultValue = "15", description = "wrk warm-up before the sweep (JIT)") int warmupSeconds;
        @Option(names = "--candidates", defaultValue = "100", description = "candidates per decide") int candidates;
        @Option(names = "--articles", defaultValue = "400", description = "catalog size (article world)") int articles;
        @Option(names = "--users", defaultValue = "2000", description = "users of the world") int users;
        @Option(names = "--warm-decisions", defaultValue = "4000", description = "decisions + reactions through the API before load") int warmDecisions;
        @Option(names = "--trials", defaultValue = "300", description = "feedback-to-feature trials") int trials;
        @Option(names = "--shadow", description = "sweep again with a challenger in shadow scoring every request, and compare")
        boolean shadow;
        @Option(names = "--json", description = "print JSON") boolean json;

        @Override
        public void run() {
            if (!WrkSingleEvents.available()) throw new IllegalArgumentException("bench decide needs wrk on the PATH (apt-get install wrk)");
            String loop = "home-feed";
            FlywheelConfig cfg = FlywheelConfig.from(java.util.Map.of("server", java.util.Map.of("port", 0),
                    "loops", java.util.List.of(java.util.Map.of("name", loop, "model", "content-bandit", "k", 10,
                            // the article world's rule (as the demo's): a liked article may be shown again, and the
                            // feedback-to-feature probe decides on the very item it liked
                            "candidates", java.util.Map.of("consumed", java.util.List.of("dislike", "dismiss"))))));
            var options = new dev.flywheel.bench.DecideBenchRun.Options(loop, connections, seconds, warmupSeconds,
                    candidates, articles, users, warmDecisions, trials, shadow);
            ObjectNode out = onFreshEngine(cfg, shadow ? Set.of(Scope.INGEST, Scope.DECIDE, Scope.ADMIN) : Set.of(Scope.INGEST, Scope.DECIDE),
                    (base, key) -> new dev.flywheel.bench.DecideBenchRun(options).measure(base, key));
            System.out.println(json ? out.toString() : out.toPrettyString());
        }
    }

    @Command(name = "analysis", mixinStandardHelpOptions = true,
            description = "Experiment report and off-policy evaluation on a generated store (analyze --data paths).")
    static final class Analysis implements Runnable {
        @Option(names = "--decisions", defaultValue = "3100000", description = "decisions of the experiment loop (3 impressions each)") long decisions;
        @Option(names = "--users", defaultValue = "300000", description = "users of the experiment loop") long users;
        @Option(names = "--ope-decisions", defaultValue = "333334", description = "decisions of the OPE loop (3 logged slots each)") long opeDecisions;
        @Option(names = "--runs", defaultValue = "5", description = "timed runs after one warm-up") int runs;
        @Option(names = "--bootstrap", defaultValue = "200", description = "DM bootstrap resamples") int bootstrap;

        @Override
        public void run() {
            Path dir = TempDirs.create("flywheel-bench");
            Path file = dir.resolve("store.duckdb");
            try {
                long t0 = System.nanoTime();
                dev.flywheel.bench.AnalysisWorld.fill(file, "home", decisions, users, 0);
                dev.flywheel.bench.AnalysisWorld.fill(file, "recs", opeDecisions, users, 1_000_000_000L);
                ObjectNode out = new ObjectMapper().createObjectNode();
                out.put("generate_seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0)
                        .put("cores", Runtime.getRuntime().availableProcessors());
                try (java.sql.Connection c = dev.flywheel.store.duckdb.ReadOnlyStore.open(file)) {
                    measure(c, out);
                }
                System.out.println(out.toPrettyString());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("benchmark failed: " + e.getMessage(), e);
            } finally {
                TempDirs.deleteQuietly(dir);
            }
        }

        private void measure(java.sql.Connection c, ObjectNode out) throws java.sql.SQLException {
            try (var s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FILTER (WHERE loop = 'home'), "
                    + "(SELECT count(*) FROM decisions WHERE loop = 'recs') FROM events")) {
                r.next();
                out.put("experiment_events", r.getLong(1)).put("ope_decisions", r.getLong(2));
            }
            long[] units = new long[1];
            double[] exp = dev.flywheel.bench.AnalysisBench.experiment(c, "home", runs, n -> units[0] = n);
            out.put("experiment_users", units[0]).put("experiment_ms_median", dev.flywheel.bench.AnalysisBench.median(exp))
                    .put("experiment_ms_runs", java.util.Arrays.toString(exp));
            var options = new dev.flywheel.analysis.OpeOptions(0.95, 5, 5, bootstrap, 20_191_124L, 20);
            for (String target : new String[] {"logged", "uniform", "greedy-by-score"}) {
                double[][] ope = dev.flywheel.bench.AnalysisBench.ope(c, "recs", target, options, runs);
                out.put("ope_" + target + "_ms_median", dev.flywheel.bench.AnalysisBench.median(ope[0]))
                        .put("ope_" + target + "_load_ms_median", dev.flywheel.bench.AnalysisBench.median(ope[1]));
            }
        }
    }

    @Command(name = "learner", mixinStandardHelpOptions = true,
            description = "Learner catch-up: how fast a loop's stream operators absorb a synthetic rating history "
                    + "(events per second, per history size), and how long until its collaborative models are trained on all of it.")
    static final class Learner implements Runnable {
        @Option(names = "--events", split = ",", defaultValue = "100000,1000000", description = "history sizes to measure") java.util.List<Long> events;
        @Option(names = "--seed", defaultValue = "8", description = "seed of the synthetic history") long seed;
        @Option(names = "--json", description = "print JSON") boolean json;
        @Option(names = "--monitors", defaultValue = "on", description = "the loop's feedback monitors, on or off") String monitors;

        @Override
        public void run() {
            if (!monitors.equals("on") && !monitors.equals("off")) throw new IllegalArgumentException("--monitors: on or off, got " + monitors);
            dev.flywheel.loop.LoopSpec loop = dev.flywheel.loop.LoopSpec.from(new dev.flywheel.config.ConfigTree("loops[0]",
                    java.util.Map.of("name", "history", "reward", java.util.Map.of("weights", java.util.Map.of("like", 1, "dislike", -1)),
                            "candidates", java.util.Map.of("consumed", java.util.List.of("impression", "like", "dislike")),
                            "quality", java.util.Map.of("enabled", monitors.equals("on")))));
            com.fasterxml.jackson.databind.node.ArrayNode out = new ObjectMapper().createArrayNode();
            for (long n : events) {
                Path dir = TempDirs.create("flywheel-bench-learner");
                try {
                    System.err.printf("learner: %,d events...%n", n);
                    dev.flywheel.bench.LearnerCatchUp.Result r = dev.flywheel.bench.LearnerCatchUp.run(dir, loop, n, seed);
                    out.addObject().put("events", r.events()).put("catch_up_seconds", r.catchUpSeconds())
                            .put("events_per_second", Math.round(r.eventsPerSecond())).put("trained_seconds", r.trainedSeconds())
                            .put("cpu_seconds", r.cpuSeconds()).put("cpu_us_per_event", Math.round(r.cpuSeconds() / r.events() * 1e8) / 100.0)
                            .put("heap_mb", r.heapMb()).put("interactions", r.status().interactions())
                            .put("last_training_seconds", r.status().trainingTook().toMillis() / 1e3)
                            .put("outcomes_trained", r.status().outcomesTrained());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } finally {
                    TempDirs.deleteQuietly(dir);
                }
            }
            System.out.println(json ? out.toString() : out.toPrettyString());
        }
    }
}
