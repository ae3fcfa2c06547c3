package dev.flywheel.sim.articles;

import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopPolicy;
import java.util.List;

/**
 * Ranks by the true like probability: the ceiling of any like-maximising policy. Sorting by
 * P(like | examined) is optimal because examination decays with position independently of the item.
 */
public final class OraclePolicy implements LoopPolicy {
    private final ArticleWorld world;

    public OraclePolicy(ArticleWorld world) {
        this.world = world;
    }

    @Override
    public Choice decide(DecideRequest request, java.time.Instant now) {
        List<String> candidates = request.candidates();
        double[] scores = new double[candidates.size()];
        for (int i = 0; i < scores.length; i++) scores[i] = world.trueLikeProbability(request.user(), candidates.get(i));
        return Choices.deterministic("oracle", TopK.select(candidates, scores, request.k()), candidates);
    }
}
