package dev.flywheel.bench.jmh;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.catalog.Item;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.topology.Topology;
import dev.flywheel.sim.articles.Article;
import dev.flywheel.sim.articles.ArticleWorld;
import dev.flywheel.sim.articles.WorldConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The policy part of a decide, without HTTP or the log: the content-bandit loop's rollout ranking 100
 * candidates (features, scoring, exploration) for the article world of {@code bench decide} (400
 * articles, 2,000 users), after 4,000 decisions with random reactions fed through the loop's
 * topology. Each iteration also prints the benchmark thread's CPU time per
 * decide: unlike the wall time, it does not grow when other processes take the cores. Run:
 * {@code java -cp "flywheel-cli/target/lib/*" org.openjdk.jmh.Main DecidePath}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecidePathBenchmark {
    private static final int CANDIDATES = 100;
    private Topology topology;
    private LoopPolicy bandit;
    private long seq;
    private List<String> users;
    private List<String> candidates;
    private Instant now;
    private int next;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuAtStart;
    private int nextAtStart;

    @Setup(Level.Trial)
    public void setUp() {
        ArticleWorld world = ArticleWorld.generate(WorldConfig.defaults(20_261_127L).withSize(400, 2_000));
        LoopSpec loop = LoopSpec.from(new ConfigTree("loops[0]", Map.of("name", "home-feed",
                "candidates", Map.of("consumed", List.of("dislike")))));
        topology = Topology.build(List.of(loop), new Catalog(), null, true);
        bandit = topology.policies().get("home-feed");
        for (Article a : world.articles()) {
            feed(new LogEntry.ItemEntry(seq++, 0, new Item(a.id(), a.title(), a.body(), a.topics().stream().map(t -> "t" + t).toList(),
                    null, a.publishedAt())));
        }
        users = world.users().stream().map(u -> u.id()).toList();
        candidates = world.articles().stream().map(Article::id).limit(CANDIDATES).toList();
        now = world.articles().stream().map(Article::publishedAt).max(Instant::compareTo).orElseThrow();
        warm(new SplittableRandom(7));
    }

    /** 4,000 decisions, each shown item liked, clicked or disliked at random, 50 ms apart. */
    private void warm(SplittableRandom rng) {
        for (int i = 0; i < 4_000; i++) {
            now = now.plusMillis(50);
            String user = users.get(rng.nextInt(users.size()));
            DecideRequest req = new DecideRequest("home-feed", user, candidates, 10);
            Decision d = bandit.decide(req, now).decision("d" + i, req, now);
            feed(new LogEntry.DecisionEntry(seq++, 0, d));
            for (ServedItem item : d.items()) {
                double u = rng.nextDouble();
                String type = u < 0.1 ? "like" : u < 0.13 ? "dislike" : u < 0.3 ? "click" : null;
                if (type == null) continue;
                Event e = new Event("e" + seq, type, now.plusMillis(10), user, null, d.id(), "home-feed", item.item(), null, null);
                feed(new LogEntry.EventEntry(seq++, 0, e));
            }
        }
        topology.operators().forEach(LogConsumer::flush);
        now = now.plusSeconds(1);
    }

    private void feed(LogEntry e) {
        for (LogConsumer op : topology.operators()) op.accept(e);
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        cpuAtStart = threads.getCurrentThreadCpuTime();
        nextAtStart = next;
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        long cpu = threads.getCurrentThreadCpuTime() - cpuAtStart;
        System.out.printf("  cpu %.1f us/op%n", cpu / 1e3 / Math.max(1, next - nextAtStart));
    }

    @Benchmark
    public Choice decide() {
        String user = users.get(next++ % users.size());
        return bandit.decide(new DecideRequest("home-feed", user, null, candidates, 10, false, false), now);
    }
}
