package dev.flywheel.model;

import dev.flywheel.outcome.Outcome;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An online retrained version at run time: it starts from exactly the fit its training snapshot
 * trains ({@link RankerTraining#fit}: weights and the FTRL state behind them) and keeps learning,
 * through the same steps, from the rows the loop's live learner learns from: each served item of a
 * decision of the loop, with its ranking inputs as of the decision and its closed outcome.
 *
 * <p>Which outcomes: those of decisions logged after {@link #learnAfter its position}, in the order
 * they close, and no exposures (a snapshot holds none, so the version goes on as its training did).
 * The position is recorded with the version, so a replay of the log after a restart hands it the
 * same outcomes in the same order and rebuilds the same model, as far as the replay gives the same
 * ranking inputs (collaborative models that train on their own thread in a running engine make
 * them differ slightly, as they do for the live learner). Until the position is set it learns
 * nothing: the registry sets it just after the version starts listening (see
 * {@code ModelLifecycle.register}).
 *
 * <p>Learns on the log runner's thread; serving reads the published model without a lock.
 */
public final class OnlineVersion {
    /** No position yet: every decision counts as at or before it. */
    private static final long UNSET = Long.MAX_VALUE;
    private final ModelVersion version;
    private final RankerFit fit;
    private final Consumer<OnlineVersion> stop;
    private volatile long after = UNSET;
    private volatile RankerModel published;
    /** Outcomes in the published model; {@code learned} counts them on the runner's thread before it publishes. */
    private volatile long trained;
    private long learned;
    private boolean changed;

    /** @param scorer a scorer over the loop's live inputs that reads {@link #model} */
    OnlineVersion(String name, RankerFit fit, Function<OnlineVersion, Scorer> scorer, SlateSampler sampler, long seed,
                  Consumer<OnlineVersion> stop) {
        this.fit = fit;
        this.stop = stop;
        this.published = fit.model();
        this.version = new ModelVersion(name, scorer.apply(this), sampler, seed);
    }

    /** What serves: the version's name, a scorer through its latest model, the loop's exploration. */
    public ModelVersion version() {
        return version;
    }

    /** Learns from the outcomes of decisions logged after {@code seq} from now on; set once. */
    public void learnAfter(long seq) {
        if (after != UNSET) throw new IllegalStateException("version " + version.name() + " already learns after " + after);
        after = seq;
    }

    /** The latest published model. */
    public RankerModel model() {
        return published;
    }

    /** Served items' outcomes the published model learned from since its snapshot. */
    public long trained() {
        return trained;
    }

    /** Stops learning: the version keeps the model it has. */
    public void stop() {
        stop.accept(this);
    }

    /** What a checkpoint keeps: where it learns from, how much it learned, and its fit. */
    void writeState(dev.flywheel.state.StateWriter out) {
        out.putLong(after).putLong(learned);
        fit.writeState(out);
    }

    /**
     * Restores a version the registry started again at a start, before any entry: its fit as it was
     * at the checkpoint, instead of its snapshot's, since the replay passes only what came after.
     */
    void readState(dev.flywheel.state.StateReader in) {
        long written = in.getLong();
        if (after != UNSET && after != written) {
            throw new IllegalStateException("version " + version.name() + " learns after " + after + ", its checkpoint after " + written);
        }
        after = written;
        learned = in.getLong();
        fit.readState(in);
        published = fit.model();
        trained = learned;
    }

    /** One closed outcome of a decision logged at {@code seq}, with the served item's inputs then. */
    void learn(long seq, double[] row, Outcome o) {
        if (seq <= after) return;
        RankerTraining.learn(fit, new TrainingRow(seq, o.decision(), o.user(), o.decidedAt(), o.model(), o.arm(), o.position(),
                o.item(), o.propensity(), row, o.reactions(), o.reward(), o.ignored()));
        learned++;
        changed = true;
    }

    /** Publishes what it learned, once per chunk of log entries as the live learner does. */
    void flush() {
        if (!changed) return;
        published = fit.model();
        trained = learned; // after the model: a reader that sees the count sees that model
        changed = false;
    }
}
