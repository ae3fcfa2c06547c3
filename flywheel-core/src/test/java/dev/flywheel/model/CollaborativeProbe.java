package dev.flywheel.model;

import dev.flywheel.state.Resumption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a collaborative learner's package-private parts for tests in other packages. */
public final class CollaborativeProbe {
    private CollaborativeProbe() { }

    /**
     * The user's signals at {@code at} for each item, as served: item-to-item then factorisation per
     * item; empty when the learner knows nothing of the user. Reading fills the folded-in cache.
     */
    public static List<Double> signals(CollaborativeLearner learner, String user, Instant at, List<String> items) {
        UserSignals s = learner.signals(user, at);
        List<Double> out = new ArrayList<>();
        if (!s.known()) return out;
        for (String item : items) {
            int i = learner.interactionStore().item(item);
            out.add(s.itemToItem(i));
            out.add(s.factorisation(i));
        }
        return out;
    }

    /**
     * The learner's checkpoint but for the latest training's wall time, which two runs of the same log
     * measure differently: what a straight run and a resumed one must agree on.
     */
    public static byte[] state(CollaborativeLearner learner) {
        byte[] all = Resumption.bytes(learner);
        return Arrays.copyOf(all, all.length - CollaborativeState.WALL_TIME_BYTES);
    }

    /** How many of the user's latest interactions the learner keeps. */
    public static int history(CollaborativeLearner learner, String user) {
        return learner.interactionStore().history(user).size();
    }
}
