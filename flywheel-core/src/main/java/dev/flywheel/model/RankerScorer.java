package dev.flywheel.model;

import dev.flywheel.model.internal.RankingFeatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The learned ranker's scores: each item's ranking inputs (as if shown in the first slot, so position
 * bias does not favour anyone) through the latest published {@link RankerModel}.
 */
final class RankerScorer implements Scorer {
    private final RankingInputs inputs;
    private final Supplier<RankerModel> model;

    RankerScorer(RankingInputs inputs, Supplier<RankerModel> model) {
        this.inputs = inputs;
        this.model = model;
    }

    @Override
    public List<Candidate> score(String user, List<String> items, Instant at, boolean explain) {
        RankerModel m = model.get();
        List<Candidate> out = new ArrayList<>(items.size());
        inputs.rows(user, items, at, null, (i, item, row) -> {
            Map<String, Double> used = explain ? RankingFeatures.named(row) : Map.of();
            out.add(new Candidate(item, m.score(row), used, List.of()));
        });
        return out;
    }
}
