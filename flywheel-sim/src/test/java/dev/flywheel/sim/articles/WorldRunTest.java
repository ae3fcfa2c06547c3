package dev.flywheel.sim.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.Slate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorldRunTest {
    private static final ArticleWorld WORLD = ArticleWorld.generate(WorldConfig.defaults(42));
    private static final RunConfig CONFIG = RunConfig.defaults(42);
    private static final RunReport DEFAULT_RUN = WorldRun.run(WORLD, CONFIG, policies());

    private static List<Contender> policies() {
        return List.of(new Contender("oracle", new OraclePolicy(WORLD)), new Contender("popularity", new PopularityPolicy(20, 1)),
                new Contender("click-chasing", new ClickChasingPolicy(20, 1)), new Contender("random", new RandomPolicy(1)));
    }

    @Test
    void sameSeedGivesSameRun() {
        RunReport again = WorldRun.run(ArticleWorld.generate(WorldConfig.defaults(42)), CONFIG, policies());
        assertEquals(DEFAULT_RUN, again);
        assertEquals(40, again.policy("oracle").rounds().size());
    }

    @Test
    void oracleBeatsPopularityBeatsRandomOnLikes() {
        System.out.println(DEFAULT_RUN);
        double oracle = DEFAULT_RUN.policy("oracle").evaluation().likeRate();
        double popularity = DEFAULT_RUN.policy("popularity").evaluation().likeRate();
        double random = DEFAULT_RUN.policy("random").evaluation().likeRate();
        assertTrue(oracle > 1.2 * popularity, oracle + " vs " + popularity);
        assertTrue(popularity > 1.2 * random, popularity + " vs " + random);
    }

    @Test
    void popularityLearnsFromItsFeedbackWhileRandomDoesNot() {
        PolicyReport popularity = DEFAULT_RUN.policy("popularity");
        PolicyReport random = DEFAULT_RUN.policy("random");
        double early = firstRounds(popularity, 5).likeRate();
        System.out.printf("popularity like rate: first 5 rounds %.4f, last 10 %.4f%n", early,
                popularity.evaluation().likeRate());
        assertTrue(popularity.evaluation().likeRate() > 1.5 * early);
        assertEquals(firstRounds(random, 5).likeRate(), random.evaluation().likeRate(), 0.01);
    }

    @Test
    void clickChasingFallsIntoTheClickbaitTrap() {
        SlateMetrics chaser = DEFAULT_RUN.policy("click-chasing").evaluation();
        SlateMetrics likes = DEFAULT_RUN.policy("popularity").evaluation();
        assertTrue(chaser.clickRate() > likes.clickRate(), chaser + " vs " + likes);
        assertTrue(chaser.likeRate() < 0.7 * likes.likeRate(), chaser + " vs " + likes);
        assertTrue(chaser.dislikeRate() > 2 * likes.dislikeRate(), chaser + " vs " + likes);
        assertTrue(chaser.rewardPerImpression() < likes.rewardPerImpression());
    }

    @Test
    void aUserIsNeverOfferedAnArticleTheyDisliked() {
        CandidateSpy spy = new CandidateSpy();
        WorldRun.run(WORLD, CONFIG.withRounds(15, 5), List.of(new Contender("spy", spy)));
        assertTrue(spy.dislikes > 50, "the check must have something to check: " + spy.dislikes);
        assertFalse(spy.violated);
        assertTrue(spy.largestCatalogue > spy.smallestCatalogue, "articles keep being published during a run");
    }

    @Test
    void aSlateOutsideTheCandidatesIsRejected() {
        LoopPolicy cheater = (request, now) -> {
            String first = request.candidates().get(0);
            Slate twice = new Slate(List.of(new Slate.Slot(first, 0, 1), new Slate.Slot(first, 0, 1)));
            return new Choice("cheater", "champion", 1, 0, twice, request.candidates(), List.of(), List.of());
        };
        assertThrows(IllegalStateException.class, () -> WorldRun.run(WORLD, CONFIG, List.of(new Contender("cheater", cheater))));
    }

    private static SlateMetrics firstRounds(PolicyReport report, int n) {
        return report.rounds().subList(0, n).stream().reduce(SlateMetrics.EMPTY, SlateMetrics::plus);
    }

    /** A random policy that checks each offer against the dislikes it was told about. */
    private static final class CandidateSpy implements LoopPolicy, FeedbackObserver {
        final RandomPolicy inner = new RandomPolicy(3);
        final Map<String, Set<String>> disliked = new HashMap<>();
        int dislikes;
        boolean violated;
        int smallestCatalogue = Integer.MAX_VALUE;
        int largestCatalogue;

        @Override
        public Choice decide(DecideRequest request, java.time.Instant now) {
            List<String> candidates = request.candidates();
            for (String c : candidates) violated |= disliked.getOrDefault(request.user(), Set.of()).contains(c);
            smallestCatalogue = Math.min(smallestCatalogue, candidates.size());
            largestCatalogue = Math.max(largestCatalogue, candidates.size());
            return inner.decide(request, now);
        }

        @Override
        public void observe(Feedback feedback) {
            for (Reaction e : feedback.events()) {
                if (!e.type().equals(Reaction.DISLIKE)) continue;
                dislikes++;
                disliked.computeIfAbsent(feedback.user(), u -> new HashSet<>()).add(e.item());
            }
        }
    }
}
