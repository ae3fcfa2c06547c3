package dev.flywheel.model;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ranker learner's rows waiting for their outcomes, in a checkpoint: per decision (or exposure)
 * id, its log position, the served items' ranking inputs and the not-chosen rows, in key order.
 */
final class RankerState {
    private RankerState() { }

    static void writePending(Map<String, RankerLearner.Pending> pending, StateWriter out) {
        out.putInt(pending.size());
        new TreeMap<>(pending).forEach((id, p) -> {
            out.putString(id).putLong(p.seq).putInt(p.served.size());
            new TreeMap<>(p.served).forEach((item, row) -> out.putString(item).putDoubles(row));
            out.putInt(p.notChosen.size());
            p.notChosen.forEach(out::putDoubles);
        });
    }

    static void readPending(StateReader in, Map<String, RankerLearner.Pending> pending) {
        for (int i = in.count(); i > 0; i--) {
            String id = in.getString();
            RankerLearner.Pending p = new RankerLearner.Pending(in.getLong());
            for (int j = in.count(); j > 0; j--) p.served.put(in.getString(), in.getDoubles());
            List<double[]> notChosen = new ArrayList<>();
            for (int j = in.count(); j > 0; j--) notChosen.add(in.getDoubles());
            p.notChosen.addAll(notChosen);
            pending.put(id, p);
        }
    }

    /** Reads past the state of a version no longer followed (retired since the checkpoint). */
    static void skipVersion(StateReader in, ContentBanditSpec spec) {
        in.getLong();
        in.getLong();
        new RankerFit(spec).readState(in);
    }
}
