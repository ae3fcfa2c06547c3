package dev.flywheel.spark;

import dev.flywheel.analysis.RankingMetrics;
import dev.flywheel.model.TrainedFactors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks, for every held-out user of a {@link MovieLensHistory}, every movie they did not rate in the
 * training part by a factorisation's x_uᵀy_i, x_u folded in from the user's liked movies with the
 * engine's α and λ as serving folds it in ({@link FoldIn}; movies it has no vector for last; ties in
 * catalogue order), and judges the top k with the replay evaluation's metrics ({@link RankingMetrics}).
 */
final class FactorRanking {
    private FactorRanking() { }

    static RankingMetrics.Summary evaluate(TrainedFactors f, MovieLensHistory h, int k, double alpha, double lambda) {
        Map<String, Integer> items = f.itemIndex();
        double[][] gram = FoldIn.gram(f);
        List<List<String>> rankings = new ArrayList<>();
        List<Set<String>> relevant = new ArrayList<>();
        h.relevant.forEach((user, rel) -> {
            double[] x = FoldIn.user(f, gram, h.liked(user), alpha, lambda);
            Set<String> rated = h.rated(user);
            List<String> candidates = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            for (String movie : h.catalogue) {
                if (rated.contains(movie)) continue;
                Integer i = items.get(movie);
                candidates.add(movie);
                scores.add(i == null ? Double.NEGATIVE_INFINITY : FoldIn.dot(x, f.itemVector(i)));
            }
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < candidates.size(); c++) order.add(c);
            order.sort(Comparator.comparingDouble((Integer c) -> -scores.get(c)).thenComparingInt(c -> c));
            List<String> top = new ArrayList<>();
            for (int c = 0; c < Math.min(k, order.size()); c++) top.add(candidates.get(order.get(c)));
            rankings.add(top);
            relevant.add(rel);
        });
        return RankingMetrics.summarize(rankings, relevant, k, h.catalogue.size());
    }

}
