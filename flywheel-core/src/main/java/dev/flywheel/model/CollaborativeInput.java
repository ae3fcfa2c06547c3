package dev.flywheel.model;

import dev.flywheel.model.internal.ImplicitAls;
import dev.flywheel.model.internal.Interactions;
import dev.flywheel.model.internal.SparseMatrix;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the collaborative models learn from a training snapshot: each row's reactions that the loop's
 * {@code collaborative.weights} weigh, as interactions at the decision's time and in the rows' order
 * (the interactions the engine's learner absorbed from that joined feedback), and the users x items
 * matrix both models train on, computed by the engine's own code ({@link CollaborativeModels}: the
 * latest {@code 2 · recent} per user, the half-life decay, the {@code occurrence} threshold; α for
 * the factorisation). Users and items are numbered in order of first interaction, as the learner
 * numbers them.
 *
 * <p>A user's cells depend only on that user's rows, in order, and on {@code until}: a trainer that
 * splits the rows by user (Spark's partitions), feeds each part to an input of its own and gives
 * every part the same {@code until} gets, cell by cell, the matrix of the whole, bit for bit.
 */
public final class CollaborativeInput {
    /** Receives one cell: the user's summed weight of the item, before α. */
    @FunctionalInterface
    public interface Cells {
        void accept(String user, String item, double weight);
    }

    private final CollaborativeSpec spec;
    private final Interactions interactions;
    private final List<String> users = new ArrayList<>();
    private final List<String> items = new ArrayList<>();
    private long newest = Long.MIN_VALUE;

    public CollaborativeInput(CollaborativeSpec spec) {
        if (spec == null) throw new IllegalArgumentException("spec is required");
        this.spec = spec;
        this.interactions = new Interactions(spec.recent());
    }

    /** Whether a row with these reactions holds an interaction: one of them has a positive weight. */
    public static boolean interacts(CollaborativeSpec spec, List<String> reactions) {
        for (String type : reactions) if (spec.weight(type) > 0) return true;
        return false;
    }

    /** Adds a snapshot row (see {@link #add(String, String, List, long)}). */
    public boolean add(TrainingRow row) {
        return add(row.user(), row.item(), row.reactions(), row.decidedAt().toEpochMilli());
    }

    /**
     * Adds one snapshot row: each of its reactions with a positive weight is an interaction of the
     * user with the item at {@code millis}, in the order listed. Returns whether any was.
     */
    public boolean add(String user, String item, List<String> reactions, long millis) {
        if (user == null || item == null) throw new IllegalArgumentException("a row needs its user and item");
        boolean any = false;
        for (String type : reactions) {
            double w = spec.weight(type);
            if (w <= 0) continue;
            if (interactions.user(user) < 0) users.add(user);
            if (interactions.item(item) < 0) items.add(item);
            interactions.append(user, item, (float) w, millis);
            any = true;
        }
        if (any && millis > newest) newest = millis;
        return any;
    }

    /** The interactions added. */
    public int size() {
        return interactions.columns().size();
    }

    /** The time of the newest interaction (epoch millis), {@link Long#MIN_VALUE} when there is none. */
    public long newest() {
        return newest;
    }

    /**
     * Every cell of the matrix decayed to {@code untilMillis} (the snapshot's newest interaction, or
     * for a part, the whole's), users in order of number and each user's items by number; weights
     * before α.
     */
    public void strongest(long untilMillis, Cells sink) {
        SparseMatrix m = matrix(untilMillis);
        for (int u = 0; u < m.rows(); u++) {
            for (int k = m.start(u); k < m.end(u); k++) sink.accept(users.get(u), items.get(m.column(k)), m.value(k));
        }
    }

    /**
     * The factorisation the engine's learner trains on this input (implicit ALS with the spec's
     * factors, λ, iterations and CG steps) from initial factors drawn with {@code seed}, up to the
     * newest interaction.
     */
    public TrainedFactors factorise(String snapshot, long seed) {
        long t0 = System.nanoTime();
        ImplicitAls.Params p = spec.factorisation();
        ImplicitAls.Params seeded = new ImplicitAls.Params(p.factors(), p.regularization(), p.iterations(), p.cgSteps(), seed);
        ImplicitAls.Model m = ImplicitAls.train(CollaborativeModels.confidence(matrix(until()), spec), seeded);
        double[] uv = new double[m.users() * m.factors()];
        double[] iv = new double[m.items() * m.factors()];
        for (int u = 0; u < m.users(); u++) System.arraycopy(m.userVector(u), 0, uv, u * m.factors(), m.factors());
        for (int i = 0; i < m.items(); i++) System.arraycopy(m.itemVector(i), 0, iv, i * m.factors(), m.factors());
        return new TrainedFactors(snapshot, "embedded", m.factors(), users, uv, items, iv, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** {@link #newest}, or the epoch when nothing was added. */
    Instant untilInstant() {
        return Instant.ofEpochMilli(until());
    }

    private long until() {
        return newest == Long.MIN_VALUE ? 0 : newest;
    }

    SparseMatrix matrix(long untilMillis) {
        return CollaborativeModels.strongest(interactions.columns(), spec, Instant.ofEpochMilli(untilMillis));
    }

    /** Users by number. */
    List<String> users() {
        return users;
    }

    /** Items by number. */
    List<String> items() {
        return items;
    }

    CollaborativeSpec spec() {
        return spec;
    }
}
