package dev.flywheel.sim.articles;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine's learner on the default article world, in process (the HTTP path is covered by the
 * CLI's integration test), as long as the demo runs (80 rounds): it beats popularity clearly, reaches
 * the demo's bar of 0.8 of the oracle, and does not fall into the clickbait trap that a
 * click-chasing policy falls into.
 */
class ContentBanditOnWorldTest {

    @Test
    void learnsTowardTheOracleAndAvoidsTheClickbaitTrap() {
        ArticleWorld world = ArticleWorld.generate(WorldConfig.defaults(42));
        RunReport r = WorldRun.run(world, RunConfig.defaults(42).withRounds(80, 10), List.of(
                new Contender("bandit", new InProcessBandit(world, Map.of())), new Contender("popularity", new PopularityPolicy(10, 42)),
                new Contender("click-chasing", new ClickChasingPolicy(10, 42)), new Contender("oracle", new OraclePolicy(world))));
        System.out.println(r);
        SlateMetrics bandit = r.policy("bandit").evaluation();
        SlateMetrics popular = r.policy("popularity").evaluation();
        SlateMetrics clicks = r.policy("click-chasing").evaluation();
        SlateMetrics oracle = r.policy("oracle").evaluation();
        assertTrue(bandit.likeRate() > 1.3 * popular.likeRate(), "bandit " + bandit.likeRate() + " vs popularity " + popular.likeRate());
        assertTrue(bandit.likeRate() > 0.8 * oracle.likeRate(), "bandit " + bandit.likeRate() + " vs oracle " + oracle.likeRate());
        assertTrue(clicks.likeRate() < 0.5 * bandit.likeRate() && clicks.dislikeRate() > 3 * bandit.dislikeRate(),
                "click-chasing like " + clicks.likeRate() + " dislike " + clicks.dislikeRate());
    }
}
