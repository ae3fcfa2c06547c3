package dev.flywheel.model;

import dev.flywheel.event.Event;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.model.internal.Interactions;
import dev.flywheel.state.OperatorState;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a loop's interactions from the log and trains its collaborative models on them, on its own:
 * once enough have come, again when they grew by a share ({@code growth}), at least every so often
 * (wall-clock time, while new ones arrive), and when the input pauses ({@link #idle}), so a history
 * sent in is used within moments of its last event. Not by event time: a history of years would be
 * retrained for every day it spans. Training runs on a thread of its own (or, for a replay, in line with the entries, so
 * the replay is deterministic) and publishes an immutable {@link CollaborativeModels}; the next
 * training starts only when the previous one is done. The work per interaction is constant: the
 * retraining schedule is geometric, so its total is a constant times the last training (plus one
 * training per naming of bots, whose interactions {@link #forget} drops).
 *
 * <p>Its checkpoint ({@link #writeState}) holds the interactions, the latest models and the users'
 * factors folded in from them, so a start retrains nothing it trained before.
 */
public final class CollaborativeLearner implements LogConsumer, AutoCloseable, OperatorState, CollaborativeSource, UserHistories {
    /** 2: interactions, histories and models in columns, read in bulk. */
    private static final int STATE_VERSION = 2;
    private final String loop;
    private final CollaborativeSpec spec;
    private final Interactions interactions;
    private final ExecutorService trainer;
    /** Flagged bots: their interactions are not absorbed. */
    private final dev.flywheel.quality.Exclusions excluded;
    private final AtomicBoolean training = new AtomicBoolean();
    /** A training was asked for since the running one took its data. */
    private final AtomicBoolean asked = new AtomicBoolean();
    /**
     * A training is owed at the next entry (or idle) whatever the growth: interactions were dropped
     * since the last training was asked for (the models still hold them), or the state was restored
     * from a checkpoint written while a training ran. Runner thread only.
     */
    private boolean owed;
    private final Map<Integer, Folded> folded = new ConcurrentHashMap<>();
    /** Users whose history changed since the last {@link #drainChanges}; null until {@link #trackChanges}. Runner thread only. */
    private java.util.Set<String> changed;
    private volatile CollaborativeModels models;
    private volatile long appliedSeq = -1;
    private volatile Instant newest = Instant.EPOCH;
    private volatile int trainedSize;
    private volatile long trainedNanos = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicLong trainings = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong trainedRows = new java.util.concurrent.atomic.AtomicLong();

    /** A user's folded-in vector, for which models, from how long a prefix of the history ({@link UserSignals#foldPoint}). */
    record Folded(CollaborativeModels models, int history, double[] vector) { }

    /** @param inline train on the calling (runner) thread: a replay gets the same models every time */
    CollaborativeLearner(String loop, CollaborativeSpec spec, boolean inline, dev.flywheel.quality.Exclusions excluded) {
        this.excluded = excluded;
        this.loop = loop;
        this.spec = spec;
        this.interactions = new Interactions(spec.recent());
        this.trainer = inline ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flywheel-train-" + loop);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    @Override
    public void accept(LogEntry entry) {
        try {
            if (entry instanceof LogEntry.EventEntry e) absorb(e.event());
        } finally {
            // after the interaction: a training that reads this position reads the interaction too
            appliedSeq = entry.seq();
        }
        if (owed || due()) {
            owed = false;
            train();
        }
    }

    /**
     * Drops the past interactions of {@code users} (named bots; their later ones are not absorbed) and
     * retrains when this learner applies the entry that named them (or idles), in line for a replay:
     * models trained on them would otherwise keep recommending what they pushed until the
     * interactions grew by a share. On the runner thread, like {@link #accept}.
     */
    public void forget(java.util.Set<String> users) {
        int before = interactions.columns().size();
        for (String user : users) folded.remove(interactions.user(user));
        interactions.forget(users);
        if (changed != null) changed.addAll(users);
        // only a training that ran, or runs now, can have read them
        if (interactions.columns().size() < before && (trainedSize > 0 || training.get())) owed = true;
    }

    private void absorb(Event x) {
        double w = spec.weight(x.type());
        if (w <= 0 || x.item() == null || (x.loop() != null && !x.loop().equals(loop)) || excluded.excludesUser(x.user())) return;
        int before = interactions.history(x.user()).size();
        interactions.append(x.user(), x.item(), (float) w, x.timestamp().toEpochMilli());
        // the history dropped its oldest half: its prefixes are other interactions now
        if (interactions.history(x.user()).size() < before) folded.remove(interactions.user(x.user()));
        if (changed != null) changed.add(x.user());
        if (x.timestamp().isAfter(newest)) newest = x.timestamp();
    }

    private boolean due() {
        int size = interactions.columns().size();
        if (size < spec.minInteractions() || size == trainedSize) return false;
        // a replay trains by volume only: the clock would make its result depend on the machine
        return size - trainedSize >= spec.growth() * trainedSize
                || (trainer != null && System.nanoTime() - trainedNanos >= spec.every().toNanos());
    }

    /** The input paused: train on everything that came, unless nothing new did. */
    @Override
    public void idle() {
        int size = interactions.columns().size();
        if (owed || size >= spec.minInteractions() && size > trainedSize) {
            owed = false;
            train();
        }
    }

    /**
     * Asks for a training on everything received. While one runs, asking again makes it run once more
     * on the newest data when it is done: the last interactions before a pause are never left out.
     */
    private void train() {
        asked.set(true);
        if (!training.compareAndSet(false, true)) return;
        Runnable work = () -> {
            try {
                while (asked.getAndSet(false)) trainOnce();
            } finally {
                training.set(false);
            }
            if (asked.get()) train(); // asked between the last check and the flag going down
        };
        if (trainer == null) work.run();
        else trainer.execute(work);
    }

    private void trainOnce() {
        long seq = appliedSeq; // read before the columns, which hold at least the interactions up to it
        Instant until = newest;
        Interactions.Columns c = interactions.columns();
        if (c.size() == 0) return;
        trainedSize = c.size();
        trainedNanos = System.nanoTime();
        models = CollaborativeModels.train(c, spec, seq, until);
        trainings.incrementAndGet();
        trainedRows.addAndGet(c.size());
    }

    /** Trainings so far, and the interactions they read in all: the batch work, for accounting. */
    public long trainings() {
        return trainings.get();
    }

    public long trainedRows() {
        return trainedRows.get();
    }

    /** Trains on everything received, on the calling thread, and waits: for an evaluation that needs final models. */
    public void trainNow() {
        while (training.get()) Thread.onSpinWait();
        trainOnce();
    }

    /** The latest trained models, or null before the first training. */
    public CollaborativeModels models() {
        return models;
    }

    /** The user's signals as of {@code at}, from their latest interactions and the latest models. */
    @Override
    public UserSignals signals(String user, Instant at) {
        CollaborativeModels m = models;
        if (m == null) return UserSignals.NONE;
        Interactions.History h = interactions.history(user);
        if (h.size() == 0) return UserSignals.NONE;
        UserSignals s = UserSignals.of(m, h, at.toEpochMilli(), spec.occurrence());
        return s.known() ? s.withVector(vector(interactions.user(user), h, m)) : s;
    }

    /**
     * The user's factors folded in from their history's prefix up to its fold point, kept until the
     * models or the fold point change (an entry that drops a history's oldest half removes it).
     */
    private double[] vector(int user, Interactions.History h, CollaborativeModels m) {
        int point = UserSignals.foldPoint(h.size());
        Folded f = folded.get(user);
        if (f != null && f.models == m && f.history == point) return f.vector;
        double[] v = UserSignals.foldedVector(m, h, point, spec.occurrence(), spec.alpha());
        if (v != null) folded.put(user, new Folded(m, point, v));
        return v;
    }

    /** The user's latest interactions with their items' ids; {@link InteractionHistory#NONE} for a user never seen. */
    @Override
    public InteractionHistory history(String user) {
        return InteractionHistory.of(interactions, user);
    }

    /**
     * From now on remembers which users' histories change, for {@link #drainChanges}: what the stream
     * operators publish for servers. On the runner thread.
     */
    public void trackChanges() {
        if (changed == null) changed = new java.util.LinkedHashSet<>();
    }

    /** Each user whose history changed since the last drain, with it now (NONE when dropped). On the runner thread. */
    public Map<String, InteractionHistory> drainChanges() {
        if (changed == null) throw new IllegalStateException("changes are not tracked: call trackChanges first");
        Map<String, InteractionHistory> out = new java.util.LinkedHashMap<>();
        for (String user : changed) out.put(user, history(user));
        changed.clear();
        return out;
    }

    Interactions interactionStore() {
        return interactions;
    }

    /** {@code m} as a server reads it ({@link PublishedCollaborative}); {@code m} must be this learner's. */
    public byte[] publish(CollaborativeModels m) {
        return PublishedCollaborative.write(m, interactions);
    }

    @Override
    public int item(String item) {
        return interactions.item(item);
    }

    @Override
    public String itemName(int item) {
        return interactions.itemName(item);
    }

    /** How many interactions have been received. */
    public long interactions() {
        return interactions.columns().size();
    }

    /**
     * The log position the collaborative models are current to: where the latest training's data
     * ended, or, when no interaction came after it (only other entries), every entry applied so far.
     * Null before the first training.
     */
    public Long trainedThrough() {
        CollaborativeModels m = models;
        if (m == null) return null;
        boolean current = !training.get() && interactions.columns().size() == m.interactions();
        return current ? appliedSeq : m.trainedSeq();
    }

    @Override
    public String stateName() {
        return "collaborative:" + loop;
    }

    /**
     * On the runner's thread between entries. In an engine a training may be running on the trainer
     * thread meanwhile: the state holds the models published so far, and the interactions and
     * {@code appliedSeq} as of the runner's position. That is still a consistent state, one a learner
     * is in while its next training runs: the trained size is taken from the models written, so the
     * restored learner finds the interactions grown past them, and it owes the training that was
     * running, so it retrains at its first entry. A replay trains in line, never between entries.
     */
    @Override
    public void writeState(StateWriter out) {
        CollaborativeModels m = models; // once: the folded vectors written must be these models'
        boolean running = trainer != null && (training.get() || asked.get());
        out.putInt(STATE_VERSION).putLong(appliedSeq).putInstant(newest).putBoolean(owed || running);
        interactions.writeState(out);
        // the counters are accounting only: in an engine they may trail the models by one training
        out.putLong(trainings.get()).putLong(trainedRows.get());
        CollaborativeState.write(m, folded, out);
    }

    /**
     * Restores a learner just built. The clock of the every-so-often training restarts now: the
     * written one was another process's {@link System#nanoTime}, which means nothing here, and a
     * learner just built starts it at its construction as well.
     */
    @Override
    public void readState(StateReader in) {
        in.expectVersion(stateName(), STATE_VERSION);
        appliedSeq = in.getLong();
        newest = in.getInstant();
        owed = in.getBoolean();
        if (newest == null) throw new IllegalStateException(stateName() + " state without the newest interaction time");
        interactions.readState(in);
        trainings.set(in.getLong());
        trainedRows.set(in.getLong());
        CollaborativeModels m = CollaborativeState.read(in, folded);
        trainedSize = m == null ? 0 : m.interactions(); // what trainOnce set with these models
        models = m;
        trainedNanos = System.nanoTime();
    }

    /** Stops the training thread (a running training is abandoned). */
    @Override
    public void close() {
        if (trainer != null) trainer.shutdownNow();
    }

    /** The highest log seq this learner has applied. */
    public long appliedSeq() {
        return appliedSeq;
    }

    /** Whether a training is running now. */
    public boolean training() {
        return training.get();
    }
}
