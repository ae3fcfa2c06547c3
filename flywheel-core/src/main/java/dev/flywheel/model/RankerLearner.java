package dev.flywheel.model;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.feature.ServedFeatures;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.internal.RankingFeatures.Feature;
import dev.flywheel.outcome.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Trains the learned ranker of one loop and publishes its state as an immutable {@link RankerModel}.
 *
 * <p>When a decision of the loop arrives it records the ranking inputs of each served item, at the
 * position it was shown, from the loop's features as they were when the decision was made (the
 * topology runs learners before the features absorb the entry). When the item's outcome closes it
 * trains one FTRL logistic model per rewarded reaction type on those inputs. So training sees what
 * serving saw, without asking the features about the past.
 *
 * <p>An impression without a decision (a product's history) is an exposure: its item is trained like
 * a served one, and with it {@code negatives} items drawn from the known items, trained as not
 * chosen (no reaction), so the models learn what users choose and not only what they think of what
 * they chose. The item's own feedback counts and rates are left out of those rows: an item is often
 * chosen before anyone else reacted to it, while items drawn from the known ones all have been, so
 * those rows would teach that the less an item was seen the likelier it is chosen (on a two-group
 * history, unrelated items came first for that reason). Their weights are learned from decisions.
 *
 * <p>It also hands the rows of decisions' outcomes to the loop's online retrained versions
 * ({@link #follow}), so they learn from exactly the rows it learns from.
 *
 * <p>Runs on the log runner's thread only; decisions read the published state.
 */
public final class RankerLearner implements OnlineLearner, dev.flywheel.state.OperatorState {
    private static final int STATE_VERSION = 1;
    private final String loop;
    private final ContentBanditSpec spec;
    private final RankingInputs inputs;
    private final RankerFit fit;
    private final Consumer<ServedFeatures> served;
    private final Catalog catalog;
    private final int negatives;
    private final Map<String, Pending> pending = new HashMap<>();
    /** Flagged bots: their outcomes close their pending rows but train nothing. */
    private final dev.flywheel.quality.Exclusions excluded;
    private final List<OnlineVersion> followers = new CopyOnWriteArrayList<>();
    private volatile RankerModel published;
    private boolean changed;
    private long trained;

    /** The rows of one decision or exposure, waiting for its outcomes. */
    static final class Pending {
        /** The decision's log position; -1 for an exposure. */
        final long seq;
        final Map<String, double[]> served = new HashMap<>(4);
        final List<double[]> notChosen = new ArrayList<>(0);

        Pending(long seq) {
            this.seq = seq;
        }
    }

    RankerLearner(String loop, ContentBanditSpec spec, RankingInputs inputs, Catalog catalog,
                  Consumer<ServedFeatures> served, dev.flywheel.quality.Exclusions excluded) {
        this.excluded = excluded;
        this.loop = loop;
        this.spec = spec;
        this.served = served;
        this.inputs = inputs;
        this.catalog = catalog;
        this.negatives = spec.negatives();
        fit = new RankerFit(spec);
        publish();
    }

    /** The latest published state. */
    public RankerModel model() {
        return published;
    }

    /** Outcomes trained on so far. */
    public long trained() {
        return trained;
    }

    @Override
    public void accept(LogEntry entry) {
        if (entry instanceof LogEntry.DecisionEntry d && d.decision().loop().equals(loop)) {
            record(d.decision(), d.seq());
        } else if (entry instanceof LogEntry.EventEntry e) {
            if (exposure(e.event())) expose(e.event());
            else if (e.event().value() != null) value(e.event());
        }
    }

    /** A reaction's value (a purchase's revenue): the score weighs P(type) by the mean value seen. */
    private void value(Event e) {
        if (fit.value(e.type(), e.value())) changed = true;
    }

    private boolean exposure(Event e) {
        return "impression".equals(e.type()) && e.decision() == null && e.item() != null
                && (e.loop() == null || e.loop().equals(loop));
    }

    private void record(Decision d, long seq) {
        List<String> items = new ArrayList<>(d.items().size());
        int[] positions = new int[d.items().size()];
        for (ServedItem s : d.items()) {
            positions[items.size()] = s.position();
            items.add(s.item());
        }
        Pending p = new Pending(seq);
        // the decision's own impressions are not in the features yet: the learner runs first
        inputs.rows(d.user(), items, d.timestamp(), positions, (i, item, row) -> {
            p.served.put(item, row.clone());
            served.accept(new ServedFeatures(seq, d.id(), loop, item, positions[i], row));
        });
        pending.put(d.id(), p);
    }

    private void expose(Event e) {
        List<String> items = new ArrayList<>(1 + negatives);
        items.add(e.item());
        int known = catalog.knownCount();
        // drawn from the exposure's own generator: the draws depend on the event alone, not on how
        // many came before, so a learner restored from a checkpoint draws what a straight run drew
        SplittableRandom random = new SplittableRandom(spec.seed() ^ (e.id().hashCode() * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < negatives && known > 1; i++) {
            String other = catalog.known(random.nextInt(known));
            if (!items.contains(other)) items.add(other);
        }
        Pending p = new Pending(-1);
        inputs.rows(e.user(), items, e.timestamp(), null, (i, item, row) -> {
            double[] kept = withoutItemFeedback(row);
            if (i == 0) p.served.put(item, kept);
            else p.notChosen.add(kept);
        });
        pending.put(Outcome.exposureId(e.id(), loop), p);
    }

    private static final Feature[] ITEM_FEEDBACK = {Feature.IMPRESSIONS_LOG, Feature.LIKE_LOGIT, Feature.DISLIKE_LOGIT,
        Feature.CLICK_LOGIT};

    /** A copy of the row with the item's feedback counts and rates at 0 (a zero input moves no weight). */
    private static double[] withoutItemFeedback(double[] row) {
        double[] out = row.clone();
        for (Feature f : ITEM_FEEDBACK) out[f.ordinal()] = 0;
        return out;
    }

    @Override
    public void onOutcome(Outcome o) {
        if (!o.loop().equals(loop)) return;
        Pending p = pending.get(o.decision());
        double[] row = p == null ? null : p.served.remove(o.item());
        if (row == null) return;
        if (p.served.isEmpty()) pending.remove(o.decision());
        if (excluded.excludesUser(o.user())) return;
        fit.update(row, o.reactions());
        for (double[] other : p.notChosen) fit.update(other, List.of());
        if (p.seq >= 0) for (OnlineVersion v : followers) v.learn(p.seq, row, o);
        trained++;
        changed = true;
    }

    @Override
    public String stateName() {
        return "ranker:" + loop;
    }

    @Override
    public void writeState(dev.flywheel.state.StateWriter out) {
        out.putInt(STATE_VERSION).putLong(trained);
        fit.writeState(out);
        RankerState.writePending(pending, out);
        Map<String, OnlineVersion> byName = new java.util.TreeMap<>();
        for (OnlineVersion v : followers) byName.put(v.version().name(), v);
        out.putInt(byName.size());
        byName.forEach((name, v) -> {
            out.putString(name);
            v.writeState(out);
        });
    }

    /**
     * Restores the learner and the online versions the registry has started again (at a start, before
     * the replay); a version the checkpoint holds that is no longer followed is skipped, and one
     * followed but not in the checkpoint was started after it, so the replay passes all it learns from.
     */
    @Override
    public void readState(dev.flywheel.state.StateReader in) {
        in.expectVersion(stateName(), STATE_VERSION);
        trained = in.getLong();
        fit.readState(in);
        RankerState.readPending(in, pending);
        Map<String, OnlineVersion> byName = new HashMap<>();
        for (OnlineVersion v : followers) byName.put(v.version().name(), v);
        for (int i = in.count(); i > 0; i--) {
            String name = in.getString();
            OnlineVersion v = byName.get(name);
            if (v != null) {
                v.readState(in);
            } else {
                RankerState.skipVersion(in, spec);
            }
        }
        publish();
    }

    /** Publishes the state trained so far once per chunk of log entries. */
    @Override
    public void flush() {
        if (changed) publish();
        for (OnlineVersion v : followers) v.flush();
    }

    /**
     * Starts an online retrained version {@code name} from the fit {@code snapshot} trains; it serves
     * through the loop's live inputs and learns once its position is set. Any thread: the log runner
     * sees it from its next outcome on.
     */
    OnlineVersion follow(String name, List<TrainingRow> snapshot, SlateSampler sampler, long seed) {
        RankerFit start = RankerTraining.fit(spec, snapshot);
        OnlineVersion v = new OnlineVersion(name, start, self -> new RankerScorer(inputs, self::model), sampler, seed,
                followers::remove);
        followers.add(v);
        return v;
    }

    private void publish() {
        published = fit.model();
        changed = false;
    }
}
