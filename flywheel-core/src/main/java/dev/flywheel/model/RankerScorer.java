package dev.flywheel.model;

import dev.flywheel.model.internal.RankingFeatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        UserSignals signals = inputs.signals(user, at);
        inputs.rows(user, items, at, null, signals, (i, item, row) -> {
            if (!explain) {
                out.add(new Candidate(item, m.score(row)));
            } else {
                out.add(new Candidate(item, m.score(row), RankingFeatures.named(row), inputs.reasons(signals, item, 3)));
            }
        });
        return out;
    }
}
