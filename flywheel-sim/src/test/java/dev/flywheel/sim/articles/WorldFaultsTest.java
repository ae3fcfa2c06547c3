package dev.flywheel.sim.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorldFaultsTest {
    static final WorldConfig CONFIG = WorldConfig.defaults(7);

    @Test
    void specsParseAndBadOnesAreNamed() {
        WorldFaults f = WorldFaults.parse(List.of("drift:round=20", "bots:share=0.05", "clickbait:items=8"));
        assertEquals(new WorldFaults(20, 0.05, 8), f);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorldFaults.parse(List.of("storm:round=3")))
                .getMessage().contains("unknown fault storm"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorldFaults.parse(List.of("bots:round=3")))
                .getMessage().contains("bots takes share="));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorldFaults.parse(List.of("bots:share=lots")))
                .getMessage().contains("bots:share must be a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorldFaults.parse(List.of("bots:share=1.5")))
                .getMessage().contains("bots:share must be in [0, 1)"));
    }

    /** Without faults the world is the one it always was: the existing runs and their numbers stand. */
    @Test
    void noFaultsIsTheSameWorld() {
        ArticleWorld plain = ArticleWorld.generate(CONFIG);
        ArticleWorld none = ArticleWorld.generate(CONFIG, WorldFaults.NONE);
        for (User u : plain.users()) {
            for (Article a : plain.articles()) {
                assertEquals(plain.trueLikeProbability(u.id(), a.id()), none.trueLikeProbability(u.id(), a.id()));
            }
        }
        assertEquals(List.of(), none.faultTruth().bots());
    }

    @Test
    void injectedClickbaitAndBotsAreInTheTruthAndBehaveSo() {
        ArticleWorld plain = ArticleWorld.generate(CONFIG);
        ArticleWorld w = ArticleWorld.generate(CONFIG, new WorldFaults(-1, 0.1, 10));
        long native_ = plain.articles().stream().filter(Article::clickbait).count();
        assertEquals(native_ + 10, w.faultTruth().clickbait().size());
        int bots = w.faultTruth().bots().size();
        assertTrue(bots > 0.05 * w.users().size() && bots < 0.15 * w.users().size(), "about 10 % bots: " + bots);
        String bot = w.faultTruth().bots().get(0);
        List<String> slate = w.articles().stream().map(Article::id).filter(id -> !w.faultTruth().pushed().contains(id)).limit(10).toList();
        int clicks = 0;
        for (int i = 0; i < 100; i++) {
            for (SlotReaction r : w.react(bot, slate, new SplittableRandom(i))) {
                assertTrue(r.examined() && !r.liked() && !r.disliked() && r.dwellSeconds() < 2);
                if (r.clicked()) clicks++;
            }
        }
        assertTrue(clicks > 850 && clicks < 950, "a bot clicks ~90 % of 1,000 slots: " + clicks);
    }

    @Test
    void botsPushPoorArticlesWithLikesThatPeopleWouldNotGive() {
        ArticleWorld w = ArticleWorld.generate(CONFIG, new WorldFaults(-1, 0.1, 0));
        List<String> pushed = w.faultTruth().pushed();
        assertEquals(Faults.PUSH_TARGETS, pushed.size());
        List<Double> qualities = w.articles().stream().filter(a -> !a.clickbait()).map(Article::quality).sorted().toList();
        double lowerQuartile = qualities.get(qualities.size() / 4);
        for (String id : pushed) {
            assertTrue(!w.article(id).clickbait() && w.article(id).quality() <= lowerQuartile, id + " is honest and poor");
        }
        String bot = w.faultTruth().bots().get(0);
        List<String> slate = List.of(pushed.get(0), pushed.get(1), w.articles().get(0).id());
        int likes = 0;
        for (int i = 0; i < 100; i++) {
            for (SlotReaction r : w.react(bot, slate, new SplittableRandom(i))) {
                assertEquals(r.clicked() && pushed.contains(r.item()), r.liked(), "a bot likes what it pushes, only that");
                if (r.liked()) likes++;
            }
        }
        assertTrue(likes > 160 && likes < 200, "~90 % of 200 pushed slots liked: " + likes);
        assertEquals(List.of(), ArticleWorld.generate(CONFIG).faultTruth().pushed(), "no bots, nothing pushed");
    }

    @Test
    void driftChangesReactionsFromItsRoundOnOnly() {
        ArticleWorld plain = ArticleWorld.generate(CONFIG);
        ArticleWorld w = ArticleWorld.generate(CONFIG, new WorldFaults(20, 0, 0));
        List<String> slate = w.articles().subList(0, 10).stream().map(Article::id).toList();
        int changed = 0;
        int pairs = 0;
        for (User u : w.users()) {
            for (int seed = 0; seed < 5; seed++) {
                long draws = u.id().hashCode() * 31L + seed; // each user and seed its own uniforms
                assertEquals(plain.react(u.id(), slate, new SplittableRandom(draws)),
                        w.react(u.id(), slate, new SplittableRandom(draws), 19), "before the drift round");
                pairs++;
                if (!plain.react(u.id(), slate, new SplittableRandom(draws))
                        .equals(w.react(u.id(), slate, new SplittableRandom(draws), 20))) changed++;
            }
        }
        assertTrue(changed > pairs / 5, "reactions move with the interests after the drift: " + changed + " of " + pairs);
        assertNotEquals(-1, w.faultTruth().driftRound());
    }
}
