package dev.flywheel.sim.articles;

import java.util.List;

/**
 * Ranks by the true like probability: the ceiling of any like-maximising policy. Sorting by
 * P(like | examined) is optimal because examination decays with position independently of the item.
 */
public final class OraclePolicy implements SlatePolicy {
    private final ArticleWorld world;

    public OraclePolicy(ArticleWorld world) {
        this.world = world;
    }

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public List<String> rank(String user, List<String> candidates, int k, java.time.Instant now) {
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) scores[i] = world.trueLikeProbability(user, candidates.get(i));
        return TopK.select(candidates, scores, k);
    }
}
