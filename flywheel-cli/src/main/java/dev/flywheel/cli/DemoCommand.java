package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.articles.ArticleWorld;
import dev.flywheel.sim.articles.Contender;
import dev.flywheel.sim.articles.FlywheelPolicy;
import dev.flywheel.sim.articles.OraclePolicy;
import dev.flywheel.sim.articles.PopularityPolicy;
import dev.flywheel.sim.articles.RandomPolicy;
import dev.flywheel.sim.articles.RoundServing;
import dev.flywheel.sim.articles.RunConfig;
import dev.flywheel.sim.articles.RunReport;
import dev.flywheel.sim.articles.SlateMetrics;
import dev.flywheel.sim.articles.WorldConfig;
import dev.flywheel.sim.articles.WorldFaults;
import dev.flywheel.sim.articles.WorldRun;
import dev.flywheel.sim.client.FlywheelClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flywheel demo}: the article world of scenario 1 against a running engine. Simulated users
 * ask Flywheel for their feed over HTTP and send back what they did; a popularity policy, a random
 * policy and the oracle serve the same users beside it, and each round prints a table line.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the engine against the simulated article world and compare it with baselines.")
public final class DemoCommand implements Runnable {
    static final String LOOP = WorldRun.LOOP;
    private static final double POPULARITY_PRIOR = 10;
    @Option(names = "--seed", defaultValue = "42", description = "seed of the world and the traffic") long seed;
    @Option(names = "--rounds", defaultValue = "80", description = "rounds of traffic (six simulated hours apart)") int rounds;
    @Option(names = "--users", defaultValue = "300", description = "simulated users") int users;
    @Option(names = "--model", defaultValue = "content-bandit", description = "Flywheel's model family for the loop") String model;
    @Option(names = "--json", description = "print one JSON object on stdout") boolean json;
    @Option(names = "--data", description = "data directory to keep (default: a temporary one, deleted after)") Path data;
    @Option(names = "--world", defaultValue = "articles", description = "articles (scenario 1) or shop (scenario 3)") String world;
    @Option(names = "--sessions", defaultValue = "30000", description = "shop: shopper sessions (30 simulated seconds apart)") int sessions;
    @Option(names = "--inject-bad-model", description = "shop: register a harmful version (reversed scores) that the rules must roll back")
    boolean injectBadModel;
    @Option(names = "--inject", split = ",", paramLabel = "FAULT",
            description = "articles: faults in the world, combinable: drift:round=N, bots:share=P, clickbait:items=N")
    List<String> inject = List.of();
    @Option(names = "--monitors", defaultValue = "on", description = "articles: the feedback monitors and their actions, on or off")
    String monitors;
    @Option(names = "--exploration", description = "articles: the loop's exploration per slot (epsilon; the engine's default when absent)")
    Double exploration;
    @Option(names = "--mode", defaultValue = "embedded",
            description = "articles: embedded (one process) or distributed (a Kafka broker, the Flink job and PostgreSQL in this JVM)")
    String mode = "embedded";

    @Override
    public void run() {
        if (!"embedded".equals(mode) && !"distributed".equals(mode)) throw new IllegalArgumentException("--mode: must be embedded or distributed, got " + mode);
        if ("shop".equals(world) && "distributed".equals(mode)) throw new IllegalArgumentException("--mode: distributed runs the articles world only");
        if ("shop".equals(world)) {
            ObjectNode out = new ShopDemo(new ShopDemo.Options(seed, sessions, 200, injectBadModel ? sessions / 2 : 0, json, data,
                    dev.flywheel.sim.shop.ShopConfig.defaults(seed))).run();
            if (json) System.out.println(out.toPrettyString());
            return;
        }
        if (!"articles".equals(world)) throw new IllegalArgumentException("--world: must be articles or shop, got " + world);
        ObjectNode out = articles();
        if (json) System.out.println(out.toPrettyString());
    }

    /** The article demo: prints the table unless {@code --json}, and returns the report. */
    ObjectNode articles() {
        if (!"on".equals(monitors) && !"off".equals(monitors)) throw new IllegalArgumentException("--monitors: must be on or off, got " + monitors);
        WorldConfig wc = WorldConfig.defaults(seed);
        ArticleWorld world = ArticleWorld.generate(wc.withSize(wc.articles(), users), WorldFaults.parse(inject));
        RunConfig rc = RunConfig.defaults(seed).withRounds(rounds, Math.max(1, Math.min(10, rounds / 4)));
        SimClock clock = new SimClock(wc.start().minus(wc.backlog()));
        Path dir = data != null ? data : TempDirs.create("flywheel-demo");
        Map<String, Object> cfg = engineSections(model, rc.k(), "on".equals(monitors), exploration);
        try (DemoEngine engine = start(dir, cfg, clock, data == null)) {
            System.err.printf("demo: %s engine on %s, %s%n", mode, engine.base(), engine.where());
            URI base = engine.base();
            FlywheelClient admin = new FlywheelClient(base, engine.adminKey());
            FlywheelClient ingest = new FlywheelClient(base, key(admin, "ingest"));
            FlywheelPolicy.publishCatalog(world, ingest);
            FlywheelPolicy flywheel = new FlywheelPolicy(new FlywheelClient(base, key(admin, "decide")), ingest, LOOP, clock);
            DemoAlerts alerts = new DemoAlerts(admin, !json, true);
            Table table = new Table(json, rounds, alerts, flywheel, admin);
            RunReport report = WorldRun.run(world, rc, List.of(new Contender("flywheel", flywheel),
                    new Contender("popularity", new PopularityPolicy(POPULARITY_PRIOR, seed)),
                    new Contender("random", new RandomPolicy(seed)), new Contender("oracle", new OraclePolicy(world))), table::round);
            table.done();
            ObjectNode out = summary(report, table.rounds);
            alerts.poll(rounds);
            alerts.report(out, world, rc.roundLength());
            out.set("stored", admin.get("/v1/status").body());
            if (!json) table.printSummary(report);
            return out;
        } finally {
            if (data == null) TempDirs.deleteQuietly(dir);
        }
    }

    private DemoEngine start(Path dir, Map<String, Object> cfg, SimClock clock, boolean temporary) {
        return switch (mode) {
            case "embedded" -> DemoEngine.embedded(dir, cfg, clock);
            case "distributed" -> DemoEngine.distributed(dir, cfg, clock, temporary);
            default -> throw new IllegalArgumentException("--mode: must be embedded or distributed, got " + mode);
        };
    }

    static FlywheelConfig engineConfig(String model, int k, boolean monitors, Double exploration) {
        return FlywheelConfig.from(engineSections(model, k, monitors, exploration));
    }

    /**
     * The engine's config for the article world: one loop, its monitors on or off, its exploration
     * (epsilon per slot) when given. Rounds are six simulated hours apart, time enough for any engine
     * to apply the feedback before the next one; so every decision waits until the stream has applied
     * everything sent before it. The world runs rounds far faster than real time: a stream slowed
     * until it fell a few rounds behind (as an overloaded machine can slow it) had rounds ranked with
     * a state rounds old, at about half the like rate and the random policy's clicks, and nothing in
     * the table said so.
     */
    static Map<String, Object> engineSections(String model, int k, boolean monitors, Double exploration) {
        // the world's rule: only a dislike takes an article out of a user's feed (a liked one may be liked again)
        Map<String, Object> loop = new java.util.HashMap<>(Map.of("name", LOOP, "model", model, "k", k,
                "candidates", Map.of("consumed", List.of("dislike", "dismiss")), "quality", Map.of("enabled", monitors)));
        if (exploration != null) loop.put("exploration", Map.of("epsilon", exploration));
        return Map.of("server", Map.of("port", 0, "decide_max_lag", 0, "decide_wait", "10m"), "loops", List.of(loop));
    }

    private static ObjectNode summary(RunReport report, ArrayNode rounds) {
        ObjectNode out = new ObjectMapper().createObjectNode();
        ObjectNode policies = out.putObject("policies");
        report.policies().forEach(p -> policies.set(Table.label(p.policy()), Table.metrics(p.evaluation())));
        out.set("rounds", rounds);
        return out;
    }

    private static String key(FlywheelClient admin, String scope) {
        return admin.post("/v1/keys", Map.of("scopes", List.of(scope), "name", "demo-" + scope)).body().get("key").asText();
    }

    /** The per-round lines (stdout, unless JSON is wanted) and the progress bar (stderr). */
    static final class Table {
        final ArrayNode rounds = new ObjectMapper().createArrayNode();
        private final boolean json;
        private final Progress progress;
        private final DemoAlerts alerts;
        private final FlywheelPolicy flywheel;
        private final FlywheelClient admin;
        private long behindBefore;

        Table(boolean json, int total, DemoAlerts alerts, FlywheelPolicy flywheel, FlywheelClient admin) {
            this.json = json;
            this.alerts = alerts;
            this.flywheel = flywheel;
            this.admin = admin;
            // in table mode the round lines are the progress; the bar is for --json runs
            this.progress = json ? new Progress("rounds", total) : null;
            if (!json) System.out.printf("%5s  %-26s %-26s %-26s %-26s%n", "round", "flywheel like/click/disl",
                    "popular like/click/disl", "random like/click/disl", "oracle like/click/disl");
        }

        void round(int round, Map<String, SlateMetrics> m) {
            ObjectNode r = rounds.addObject().put("round", round + 1);
            ObjectNode ps = r.putObject("policies");
            m.forEach((name, metrics) -> ps.set(label(name), metrics(metrics)));
            long behind = flywheel.decisionsBehind() - behindBefore;
            behindBefore = flywheel.decisionsBehind();
            r.put("flywheel_decisions_behind", behind);
            serving(r);
            if (!json) {
                System.out.printf("%5d  %-26s %-26s %-26s %-26s%n", round + 1, line(m.get("flywheel")), line(m.get("popularity")),
                        line(m.get("random")), line(m.get("oracle")));
                // a round ranked with feedback missing does not measure the learner: say so beside it
                if (behind > 0) {
                    System.out.printf("       flywheel: %d decisions ranked while the engine's stream was behind its log "
                            + "(up to %d entries so far)%n", behind, flywheel.maxStreamLag());
                }
            }
            alerts.poll(round + 1);
            if (progress != null) progress.step(round + 1);
        }

        /**
         * How the engine served the round and where its collaborative models stood at its end: a
         * round whose like rate falls apart from its neighbours is told apart (version, scores,
         * exploration, a model trained long ago) in the JSON that shows it.
         */
        private void serving(ObjectNode r) {
            RoundServing s = flywheel.takeRound();
            ObjectNode versions = r.putObject("flywheel_versions");
            s.versions().forEach(versions::put);
            r.put("flywheel_mean_score", s.meanScore()).put("flywheel_explored_share", s.exploredShare());
            JsonNode collaborative = admin.get("/v1/status").body().at("/loops/" + LOOP + "/collaborative");
            // a distributed server's status has no loops (the job trains the models): null, so both reports have the field
            r.set("flywheel_collaborative", collaborative.isMissingNode() ? null : collaborative);
        }

        void done() {
            if (progress != null) progress.done();
        }

        void printSummary(RunReport report) {
            System.out.println("\nfinal evaluation window:");
            report.policies().forEach(p -> System.out.println("  " + p));
        }

        /** The report names the popularity baseline {@code popular}. */
        static String label(String policy) {
            return "popularity".equals(policy) ? "popular" : policy;
        }

        static String line(SlateMetrics m) {
            return m == null ? "-" : String.format("%.3f / %.3f / %.3f", m.likeRate(), m.clickRate(), m.dislikeRate());
        }

        static ObjectNode metrics(SlateMetrics m) {
            return new ObjectMapper().createObjectNode().put("like_rate", m.likeRate()).put("click_rate", m.clickRate())
                    .put("dislike_rate", m.dislikeRate()).put("reward", m.rewardPerImpression()).put("impressions", m.impressions());
        }
    }
}
