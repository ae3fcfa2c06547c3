package dev.flywheel.sim.articles;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flywheel.quality.ContaminationMonitor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contamination monitor against the article world's truth: with bots and extra clickbait
 * injected, it names them with precision and recall of at least 0.9, on five seeds, from what users
 * do with uniformly random slates (so every item is shown to everyone alike); and with no bots it
 * names nobody.
 */
class ContaminationOnWorldTest {
    @Test
    void botsAndClickbaitAreNamedWithPrecisionAndRecallOfNinetyPercent() {
        for (long seed = 1; seed <= 5; seed++) {
            ArticleWorld w = ArticleWorld.generate(WorldConfig.defaults(seed), new WorldFaults(-1, 0.05, 10));
            ContaminationMonitor m = play(w, seed, 40);
            ContaminationMonitor.Flags f = m.flags();
            ArticleWorld.FaultTruth truth = w.faultTruth();
            check("bots, seed " + seed, f.bots(), new HashSet<>(truth.bots()));
            check("clickbait, seed " + seed, f.clickbait(), new HashSet<>(truth.clickbait()));
        }
    }

    @Test
    void withoutBotsNobodyIsNamedABot() {
        for (long seed = 1; seed <= 3; seed++) {
            ArticleWorld w = ArticleWorld.generate(WorldConfig.defaults(seed), WorldFaults.NONE);
            Set<String> bots = play(w, seed, 40).flags().bots();
            assertTrue(bots.isEmpty(), "seed " + seed + ": " + bots);
        }
    }

    /** {@code rounds} rounds: each user, when active, is shown 10 random articles and reacts. */
    private static ContaminationMonitor play(ArticleWorld w, long seed, int rounds) {
        ContaminationMonitor m = new ContaminationMonitor();
        SplittableRandom r = new SplittableRandom(seed * 1_000 + 17);
        List<String> all = w.articles().stream().map(Article::id).toList();
        for (int round = 0; round < rounds; round++) {
            for (User u : w.users()) {
                if (r.nextDouble() >= u.activity()) continue;
                List<String> slate = new ArrayList<>();
                while (slate.size() < 10) {
                    String a = all.get(r.nextInt(all.size()));
                    if (!slate.contains(a)) slate.add(a);
                }
                for (SlotReaction s : w.react(u.id(), slate, r, round)) {
                    for (Reaction e : s.events()) m.observe(u.id(), e.item(), e.type(), e.value());
                }
            }
        }
        return m;
    }

    private static void check(String what, Set<String> named, Set<String> truth) {
        long hits = named.stream().filter(truth::contains).count();
        double precision = named.isEmpty() ? 0 : hits / (double) named.size();
        double recall = truth.isEmpty() ? 1 : hits / (double) truth.size();
        System.out.printf("%s: named %d, true %d, precision %.3f, recall %.3f%n", what, named.size(), truth.size(), precision, recall);
        assertTrue(precision >= 0.9 && recall >= 0.9, what + ": precision " + precision + ", recall " + recall);
    }
}
