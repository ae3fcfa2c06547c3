package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.auth.Scope;
import dev.flywheel.sim.SimClock;
import dev.flywheel.sim.articles.ArticleWorld;
import dev.flywheel.sim.articles.Contender;
import dev.flywheel.sim.articles.FlywheelPolicy;
import dev.flywheel.sim.articles.RandomPolicy;
import dev.flywheel.sim.articles.RunConfig;
import dev.flywheel.sim.articles.RunReport;
import dev.flywheel.sim.articles.SlateMetrics;
import dev.flywheel.sim.articles.WorldConfig;
import dev.flywheel.sim.articles.WorldRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop through the HTTP API on a small seeded world: catalog posted as items, every slate
 * decided by the engine, every reaction sent back as events, the learner fed from the log. The
 * engine's like rate must grow past its own start and past a random policy serving the same users.
 */
class ArticleLoopIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void theEngineLearnsFromFeedbackSentOverHttp() {
        WorldConfig wc = WorldConfig.defaults(7).withSize(150, 80);
        ArticleWorld world = ArticleWorld.generate(wc);
        SimClock clock = new SimClock(wc.start().minus(wc.backlog()));
        Map<String, Object> config = Map.of("loops", List.of(Map.of("name", "home-feed", "model", "content-bandit", "k", 5,
                "candidates", Map.of("consumed", List.of("dislike")))));
        try (RunningEngine e = new RunningEngine(dir, config, clock)) {
            FlywheelPolicy.publishCatalog(world, e.client(Scope.INGEST));
            FlywheelPolicy flywheel = new FlywheelPolicy(e.client(Scope.DECIDE), e.client(Scope.INGEST), "home-feed", clock);
            RunReport r = WorldRun.run(world, RunConfig.defaults(7).withRounds(24, 6),
                    List.of(new Contender("flywheel", flywheel), new Contender("random", new RandomPolicy(7))));
            System.out.println(r);
            List<SlateMetrics> rounds = r.policy("flywheel").rounds();
            SlateMetrics first = rounds.subList(0, 6).stream().reduce(SlateMetrics.EMPTY, SlateMetrics::plus);
            SlateMetrics last = r.policy("flywheel").evaluation();
            SlateMetrics random = r.policy("random").evaluation();
            assertTrue(last.likeRate() > 1.5 * random.likeRate(), "flywheel " + last.likeRate() + " vs random " + random.likeRate());
            assertTrue(last.likeRate() > 1.3 * first.likeRate(), "last rounds " + last.likeRate() + " vs first " + first.likeRate());
            assertTrue(flywheel.eventsSent() > 1_000, "events sent " + flywheel.eventsSent());
            // every served item of a closed window is an outcome row with its reward
            JsonNode out = e.client(Scope.ADMIN).get("/v1/outcomes?loop=home-feed&limit=100000").body();
            long served = r.policy("flywheel").total().impressions();
            long rows = out.get("count").asLong();
            assertTrue(rows > 0.9 * served && rows <= served, "outcomes " + rows + " of " + served + " served items");
            double rewardSum = 0;
            for (JsonNode o : out.get("outcomes")) rewardSum += o.get("reward").asDouble();
            assertTrue(rewardSum > 0, "the learned policy earns a positive total reward: " + rewardSum);
            String csv = e.client(Scope.ADMIN).get("/v1/outcomes?loop=home-feed&format=csv&limit=5").text();
            assertTrue(csv.startsWith("decision,user,item,position") && csv.split("\n").length == 6, csv);
        }
    }
}
