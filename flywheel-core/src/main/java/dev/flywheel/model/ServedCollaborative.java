package dev.flywheel.model;

import dev.flywheel.model.internal.Interactions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ranker's collaborative inputs on a server that does not run the learner: the models and the
 * users' histories the learner published, read through {@link CollaborativeReads}. Signals are
 * computed as the learner computes them (the same numbering, the same fold-in from the same prefix of
 * the history, {@link UserSignals#foldPoint}), from states as old as the reads' caches allow. The folded vectors are kept for at most {@code maxUsers} users, least recently
 * used first out: a server sees every user, not a partition of them.
 */
final class ServedCollaborative implements CollaborativeSource, UserHistories {
    private final CollaborativeReads reads;
    private final CollaborativeSpec spec;
    private final Map<String, Folded> folded;

    private record Folded(CollaborativeModels models, int point, long first, int firstItem, double[] vector) { }

    ServedCollaborative(CollaborativeReads reads, CollaborativeSpec spec, int maxUsers) {
        this.reads = reads;
        this.spec = spec;
        this.folded = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Folded> eldest) {
                return size() > maxUsers;
            }
        };
    }

    @Override
    public UserSignals signals(String user, Instant at) {
        PublishedCollaborative p = reads.models();
        if (p == null) return UserSignals.NONE;
        InteractionHistory h = reads.history(user);
        if (h.size() == 0) return UserSignals.NONE;
        Interactions.History numbered = h.numbered();
        UserSignals s = UserSignals.of(p.models(), numbered, at.toEpochMilli(), spec.occurrence());
        return s.known() ? s.withVector(vector(user, numbered, p.models())) : s;
    }

    /**
     * The user's factors folded in as the learner folds them ({@link UserSignals#foldPoint}); kept
     * while the models, the fold point and the history's first interaction are the same (a history
     * that dropped its oldest half starts elsewhere).
     */
    private double[] vector(String user, Interactions.History h, CollaborativeModels m) {
        int point = UserSignals.foldPoint(h.size());
        long first = h.millis()[0];
        synchronized (folded) {
            Folded f = folded.get(user);
            if (f != null && f.models() == m && f.point() == point && f.first() == first && f.firstItem() == h.item()[0]) {
                return f.vector();
            }
        }
        double[] v = UserSignals.foldedVector(m, h, point, spec.occurrence(), spec.alpha());
        if (v != null) {
            synchronized (folded) {
                folded.put(user, new Folded(m, point, first, h.item()[0], v));
            }
        }
        return v;
    }

    @Override
    public InteractionHistory history(String user) {
        return reads.history(user);
    }

    @Override
    public int item(String item) {
        PublishedCollaborative p = reads.models();
        return p == null ? -1 : p.item(item);
    }

    @Override
    public String itemName(int item) {
        PublishedCollaborative p = reads.models();
        if (p == null) throw new IllegalStateException("no collaborative models are published yet");
        return p.itemName(item);
    }
}
