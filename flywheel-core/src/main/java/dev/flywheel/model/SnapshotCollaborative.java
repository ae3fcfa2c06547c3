package dev.flywheel.model;

import dev.flywheel.model.internal.ImplicitAls;
import dev.flywheel.model.internal.Interactions;
import dev.flywheel.model.internal.ItemSimilarity;
import dev.flywheel.model.internal.SparseMatrix;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A frozen version that carries its own collaborative models, trained from its snapshot (item
 * similarity here, the factorisation here or on Spark, {@link TrainedFactors}), and serves them with
 * the user's latest interactions in the loop: the loop's learner keeps the histories, this version's
 * models score them. Its state is the ranker's bytes, then the models' ids and the models in the
 * checkpoint's codec ({@link CollaborativeModels#writeState}), so they read back bit for bit.
 */
final class SnapshotCollaborative implements CollaborativeSource {
    private static final int FORMAT = 0x43425331; // "CBS1"
    private final CollaborativeModels models;
    private final List<String> items;
    private final Map<String, Integer> itemIndex;
    private final CollaborativeSpec spec;
    /** The loop's histories (its learner's, or a server's published ones); null when the loop has no collaborative models. */
    private final UserHistories live;

    private SnapshotCollaborative(CollaborativeModels models, List<String> items, CollaborativeSpec spec,
                                  UserHistories live) {
        this.models = models;
        this.items = items;
        this.itemIndex = new HashMap<>(items.size() * 2);
        for (int i = 0; i < items.size(); i++) itemIndex.put(items.get(i), i);
        this.spec = spec;
        this.live = live;
    }

    /** Whether {@code state} is such a version's (not a plain ranker's). */
    static boolean holds(byte[] state) {
        return state.length >= 4 && ((state[0] & 0xff) << 24 | (state[1] & 0xff) << 16 | (state[2] & 0xff) << 8 | (state[3] & 0xff)) == FORMAT;
    }

    /**
     * The state of a version trained from {@code rows}: the ranker's, and collaborative models on the
     * snapshot's interactions with {@code factors} taken into their numbering by id.
     */
    static ModelSpec.Training train(CollaborativeSpec spec, List<TrainingRow> rows, TrainedFactors factors, ModelSpec.Training ranker) {
        long t0 = System.nanoTime();
        CollaborativeInput in = new CollaborativeInput(spec);
        long seq = -1;
        for (TrainingRow r : rows) {
            in.add(r);
            seq = Math.max(seq, r.seq());
        }
        SparseMatrix strong = in.matrix(in.untilInstant().toEpochMilli());
        if (strong.nonZeros() == 0) {
            throw new IllegalArgumentException("snapshot " + factors.snapshot() + " holds no reaction the collaborative models learn from");
        }
        ItemSimilarity similarity = ItemSimilarity.train(strong, spec.similarity());
        ImplicitAls.Model mf = FactorMapping.into(strong, in.users(), in.items(), factors, spec);
        CollaborativeModels models = new CollaborativeModels(similarity, mf, seq, in.untilInstant(), in.size(),
                Duration.ofNanos(System.nanoTime() - t0).plus(factors.took()));
        StateWriter out = new StateWriter();
        out.putInt(FORMAT).putBytes(ranker.state()).putStrings(in.users()).putStrings(in.items());
        models.writeState(out);
        Map<String, Double> metrics = new java.util.TreeMap<>(ranker.metrics());
        metrics.put("collaborative.users", (double) strong.rows());
        metrics.put("collaborative.items", (double) strong.cols());
        metrics.put("collaborative.cells", (double) strong.nonZeros());
        metrics.put("collaborative.factorisation_seconds", factors.took().toNanos() / 1e9);
        return new ModelSpec.Training(out.toByteArray(), metrics);
    }

    /** The scorer of such a state: its ranker over inputs whose collaborative models are its own. */
    static Scorer scorer(byte[] state, ModelContext context, UserHistories live, CollaborativeSpec spec) {
        StateReader in = new StateReader(state);
        if (in.getInt() != FORMAT) throw new IllegalArgumentException("not a state with collaborative models");
        RankerModel ranker = RankerModel.fromBytes(in.getBytes());
        List<String> users = in.getStrings();
        List<String> items = in.getStrings();
        CollaborativeModels models = CollaborativeModels.readState(in, Duration.ZERO);
        if (!in.atEnd()) throw new IllegalArgumentException("a version state with bytes after its collaborative models");
        if (models.factors().users() != users.size() || models.factors().items() != items.size()) {
            throw new IllegalArgumentException("a version state whose models do not match their ids");
        }
        SnapshotCollaborative source = new SnapshotCollaborative(models, List.copyOf(items), spec, live);
        return new RankerScorer(new RankingInputs(context.features(), context.catalog(), source), () -> ranker);
    }

    /** The user's latest interactions in the loop, in these models' numbering, folded in from all of them. */
    @Override
    public UserSignals signals(String user, Instant at) {
        if (live == null) return UserSignals.NONE;
        Interactions.History h = translated(live.history(user));
        if (h.size() == 0) return UserSignals.NONE;
        UserSignals s = UserSignals.of(models, h, at.toEpochMilli(), spec.occurrence());
        // no cache here, so the whole history is folded at every read: deterministic already, on a server too
        return s.known() ? s.withVector(s.foldIn(spec.alpha())) : s;
    }

    /**
     * The history with each item renumbered to these models; items they never saw get numbers past
     * theirs (distinct, so they still weigh in the user's total as in the learner's own signals).
     */
    private Interactions.History translated(InteractionHistory h) {
        int[] out = new int[h.size()];
        Map<Integer, Integer> unseen = new HashMap<>();
        for (int k = 0; k < h.size(); k++) {
            Integer mine = itemIndex.get(h.items().get(k));
            out[k] = mine != null ? mine : unseen.computeIfAbsent(h.numbers()[k], x -> items.size() + unseen.size());
        }
        return new Interactions.History(out, h.weights(), h.millis(), h.size());
    }

    @Override
    public int item(String item) {
        return itemIndex.getOrDefault(item, -1);
    }

    @Override
    public String itemName(int item) {
        return items.get(item);
    }

    /** Ids the models know, for a check that asks. */
    Set<String> items() {
        return itemIndex.keySet();
    }
}
