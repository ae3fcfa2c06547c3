package dev.flywheel.sim.articles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArticleWorldTest {
    private static final ArticleWorld WORLD = ArticleWorld.generate(WorldConfig.defaults(7));

    @Test
    void sameSeedGivesSameWorld() {
        ArticleWorld again = ArticleWorld.generate(WorldConfig.defaults(7));
        assertEquals(WORLD.articles(), again.articles());
        assertEquals(WORLD.users(), again.users());
        assertEquals(WORLD.vocabulary(), again.vocabulary());
        assertNotEquals(WORLD.articles(), ArticleWorld.generate(WorldConfig.defaults(8)).articles());
    }

    @Test
    void catalogueAndUsersHaveTheConfiguredShape() {
        assertEquals(400, WORLD.articles().size());
        assertEquals(300, WORLD.users().size());
        long clickbait = WORLD.articles().stream().filter(Article::clickbait).count();
        assertTrue(clickbait >= 40 && clickbait <= 80, "about 15% clickbait, got " + clickbait);
        for (Article a : WORLD.articles()) assertEquals(60, a.body().split(" ").length);
        for (User r : WORLD.users()) {
            long loved = Arrays.stream(r.preferences()).filter(p -> p >= 0.75).count();
            assertTrue(loved >= 1 && loved <= 3, r.id() + " loves " + loved + " topics");
        }
    }

    @Test
    void textSimilarityReflectsTopics() {
        double same = 0;
        double other = 0;
        int nSame = 0;
        int nOther = 0;
        List<Article> single = WORLD.articles().stream().filter(a -> a.topics().size() == 1).limit(150).toList();
        for (int i = 0; i < single.size(); i++) {
            for (int j = i + 1; j < single.size(); j++) {
                double s = jaccard(single.get(i).body(), single.get(j).body());
                if (single.get(i).topics().equals(single.get(j).topics())) {
                    same += s;
                    nSame++;
                } else {
                    other += s;
                    nOther++;
                }
            }
        }
        assertTrue(same / nSame > 3 * (other / nOther), "same-topic " + same / nSame + " vs " + other / nOther);
    }

    @Test
    void trueLikeProbabilityAgreesWithSampledLikes() {
        String user = WORLD.users().get(0).id();
        for (Article a : List.of(lovedArticle(user, false), lovedArticle(user, true))) {
            double p = WORLD.trueLikeProbability(user, a.id());
            int n = 20_000;
            int likes = 0;
            SplittableRandom rng = new SplittableRandom(11);
            for (int i = 0; i < n; i++) likes += WORLD.react(user, List.of(a.id()), rng).get(0).liked() ? 1 : 0;
            double tolerance = 4 * Math.sqrt(p * (1 - p) / n);
            assertEquals(p, (double) likes / n, tolerance, "article " + a.id() + " clickbait=" + a.clickbait());
        }
    }

    @Test
    void clickbaitIsClickedMoreButMostlyDislikedAfterTheClick() {
        String user = WORLD.users().get(0).id();
        Article bait = lovedArticle(user, true);
        Article honest = lovedArticle(user, false);
        assertTrue(WORLD.trueClickProbability(user, bait.id()) > WORLD.trueClickProbability(user, honest.id()));
        int clicks = 0;
        int dislikes = 0;
        int likes = 0;
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            SlotReaction s = WORLD.react(user, List.of(bait.id()), rng).get(0);
            clicks += s.clicked() ? 1 : 0;
            dislikes += s.disliked() ? 1 : 0;
            likes += s.liked() ? 1 : 0;
        }
        assertTrue(dislikes > 0.6 * clicks && likes < 0.2 * clicks, clicks + " clicks " + dislikes + " dislikes");
    }

    @Test
    void slotOneGetsMoreClicksThanSlotFiveForTheSameArticle() {
        String user = WORLD.users().get(0).id();
        String target = lovedArticle(user, false).id();
        List<String> others = WORLD.articles().stream().map(Article::id).filter(id -> !id.equals(target))
                .limit(4).toList();
        List<String> first = concat(List.of(target), others);
        List<String> last = concat(others, List.of(target));
        int atOne = 0;
        int atFive = 0;
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            atOne += WORLD.react(user, first, rng).get(0).clicked() ? 1 : 0;
            atFive += WORLD.react(user, last, rng).get(4).clicked() ? 1 : 0;
        }
        // Examination at slot 5 is 1/log2(6) = 0.387 of slot 1's.
        double ratio = (double) atFive / atOne;
        assertEquals(GroundTruth.examination(5), ratio, 0.05, atOne + " vs " + atFive);
    }

    @Test
    void reactionsDrawTheSameNumberOfUniformsWhateverHappens() {
        List<String> a = WORLD.articles().subList(0, 5).stream().map(Article::id).toList();
        List<String> b = WORLD.articles().subList(100, 105).stream().map(Article::id).toList();
        SplittableRandom r1 = new SplittableRandom(9);
        SplittableRandom r2 = new SplittableRandom(9);
        WORLD.react("u1", a, r1);
        WORLD.react("u2", b, r2);
        assertEquals(r1.nextLong(), r2.nextLong());
    }

    @Test
    void aLikedSlotLogsImpressionClickLikeAndDwell() {
        SlotReaction liked = new SlotReaction("a1", 2, true, true, true, false, 95.0);
        assertEquals(List.of("impression", "click", "like", "dwell"),
                liked.events().stream().map(Reaction::type).toList());
        assertEquals(95.0, liked.events().get(3).value());
        assertTrue(new SlotReaction("a1", 1, true, false, false, false, 0).ignored());
    }

    private static Article lovedArticle(String user, boolean clickbait) {
        User r = WORLD.user(user);
        return WORLD.articles().stream()
                .filter(a -> a.clickbait() == clickbait && GroundTruth.match(r, a) >= 0.75)
                .findFirst().orElseThrow();
    }

    private static double jaccard(String x, String y) {
        Set<String> a = new HashSet<>(List.of(x.split(" ")));
        Set<String> b = new HashSet<>(List.of(y.split(" ")));
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        a.addAll(b);
        return (double) both.size() / a.size();
    }

    private static List<String> concat(List<String> x, List<String> y) {
        return java.util.stream.Stream.concat(x.stream(), y.stream()).toList();
    }
}
