package dev.flywheel.model;

import static dev.flywheel.model.internal.RankingFeatures.Feature.AFFINITY;
import static dev.flywheel.model.internal.RankingFeatures.Feature.DISLIKE_LOGIT;
import static dev.flywheel.model.internal.RankingFeatures.Feature.LIKE_LOGIT;
import static dev.flywheel.model.internal.RankingFeatures.Feature.TOPIC_AFFINITY;
import static dev.flywheel.model.internal.RankingFeatures.Feature.USER_ITEM_LIKE_LOGIT;
import static dev.flywheel.model.internal.RankingFeatures.Feature.USER_TOPIC_LIKE_LOGIT;
import static dev.flywheel.model.internal.RankingFeatures.get;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.InvalidRecordException;
import dev.flywheel.feature.FeatureValues;
import dev.flywheel.feature.FeedbackFeatures;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.model.internal.RankingFeatures;
import dev.flywheel.outcome.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The article loop's learner: content similarity between the user's profile and the item, the
 * item's smoothed feedback rates and freshness, combined by one online logistic model (FTRL) per
 * rewarded reaction; a candidate's score is its expected reward. Exploration is the configured
 * slate sampler, so every logged propensity is exact.
 *
 * <p>It learns from the log like any stream operator: decisions and events update the features at
 * once (the next decision sees them), and each closed outcome trains the models with the features
 * as they were when the decision was made.
 *
 * <p>Decisions only read features and models, so they run in parallel under the read lock; the log
 * runner's updates and training take the write lock. Sampling draws from the one seeded generator
 * under its own short lock, so a single-threaded run draws exactly as before.
 */
public final class ContentBandit implements LoopPolicy, OnlineLearner {
    public static final String MODEL = "content-bandit-1";
    /** Until the models have learned, content similarity and smoothed rates order the candidates. */
    private static final double PRIOR_WEIGHT = 0.05;
    private static final Duration ADVANCE_EVERY = Duration.ofMinutes(1);
    private final String loop;
    private final ContentBanditSettings settings;
    private final Catalog catalog;
    private final FeedbackFeatures features;
    /** One model per rewarded reaction type, and that type's reward weight at the same index. */
    private final FtrlProximal[] models;
    private final String[] modelTypes;
    private final double[] rewardWeights;
    /** Guarded by itself. */
    private final SplittableRandom rng;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private Instant watermark = Instant.EPOCH;
    private Instant advanced = Instant.EPOCH;

    public ContentBandit(String loop, ContentBanditSettings settings, Catalog catalog) {
        this.loop = loop;
        this.settings = settings;
        this.catalog = catalog;
        this.features = new FeedbackFeatures(settings.halfLife(), settings.priorStrength(), this::vector);
        List<String> types = new ArrayList<>();
        settings.reward().weights().forEach((type, w) -> {
            if (w != 0) types.add(type);
        });
        modelTypes = types.toArray(String[]::new);
        models = new FtrlProximal[modelTypes.length];
        rewardWeights = new double[modelTypes.length];
        for (int m = 0; m < models.length; m++) {
            models[m] = new FtrlProximal(settings.ftrl(), RankingFeatures.NAMES);
            rewardWeights[m] = settings.reward().weights().get(modelTypes[m]);
        }
        this.rng = new SplittableRandom(settings.seed());
    }

    private Map<String, Double> vector(String item) {
        return catalog.get(item).map(e -> e.vector().asMap()).orElse(Map.of());
    }

    @Override
    public dev.flywheel.loop.Slate decide(DecideRequest req, Instant now) {
        List<String> pool = req.candidates() != null ? req.candidates() : published(now);
        List<Candidate> scored = new ArrayList<>(pool.size());
        Map<String, Map<String, Double>> used = req.explain() ? new HashMap<>() : null;
        lock.readLock().lock();
        try {
            score(req.user(), pool, now, scored, used);
        } finally {
            lock.readLock().unlock();
        }
        if (scored.isEmpty()) throw new InvalidRecordException(List.of(new FieldError("candidates", "none is eligible for user " + req.user())));
        Slate slate = sample(scored, req.k());
        List<dev.flywheel.loop.Slate.Slot> slots = new ArrayList<>();
        for (Slate.Slot s : slate.slots()) {
            slots.add(new dev.flywheel.loop.Slate.Slot(s.item(), s.score(), s.propensity(), used == null ? Map.of() : used.getOrDefault(s.item(), Map.of())));
        }
        return new dev.flywheel.loop.Slate(MODEL, "champion", slots, pool);
    }

    /**
     * The learner's scores of {@code candidates} for {@code user} at {@code at}, without sampling and
     * without learning: the eligible candidates, in the given order, that {@link #decide} would hand
     * to the sampler. Off-policy evaluation uses it to ask a frozen learner about logged decisions.
     */
    public List<Candidate> score(String user, List<String> candidates, Instant at) {
        List<Candidate> scored = new ArrayList<>(candidates.size());
        lock.readLock().lock();
        try {
            score(user, candidates, at, scored, null);
        } finally {
            lock.readLock().unlock();
        }
        return scored;
    }

    /**
     * Scores the eligible candidates of {@code pool}, with their named features into {@code used}
     * unless it is null; the caller holds the read lock.
     */
    private void score(String user, List<String> pool, Instant now, List<Candidate> scored,
                       Map<String, Map<String, Double>> used) {
        FeedbackFeatures.ProfileSnapshot profile = features.profile(user, now);
        // one pair of arrays for all candidates: a candidate's values are only needed for its score
        FeatureValues feedback = new FeatureValues();
        double[] f = new double[RankingFeatures.SIZE];
        for (String item : pool) {
            if (!features.eligible(profile, item, now)) continue;
            rankingFeatures(item, now, 1, profile, feedback, f);
            scored.add(new Candidate(item, score(f)));
            if (used != null) used.put(item, RankingFeatures.named(f));
        }
    }

    /**
     * Draws from the one seeded generator, in decision order, as before decisions ran in parallel:
     * a generator split per decision changed which items were explored and, on the article world,
     * what the bandit learned (like rate 0.158 → 0.143 against the oracle's 0.205, seed 42). Sampling
     * a slate is a small part of a decision (SlateSampler: 28 of 360 decide samples in the profile),
     * so the generator's lock is held briefly.
     */
    private Slate sample(List<Candidate> scored, int k) {
        synchronized (rng) {
            return settings.sampler().sample(scored, k, rng);
        }
    }

    private List<String> published(Instant now) {
        List<String> out = new ArrayList<>();
        for (Catalog.Entry e : catalog.all()) {
            if (e.item().published() == null || !e.item().published().isAfter(now)) out.add(e.item().id());
        }
        return out;
    }

    /** The ranking features of {@code item} as of {@code at}, written into {@code f} (and {@code feedback}). */
    private double[] rankingFeatures(String item, Instant at, int position, FeedbackFeatures.ProfileSnapshot profile,
                                     FeatureValues feedback, double[] f) {
        Catalog.Entry entry = catalog.get(item).orElse(null);
        Map<String, Double> vec = entry == null ? Map.of() : entry.vector().asMap();
        Instant published = entry == null ? null : entry.item().published();
        return RankingFeatures.fill(f, features.features(item, vec, at, profile, feedback), published, at, position);
    }

    /** Expected reward under the models, plus a small prior that orders candidates before they learn. */
    private double score(double[] f) {
        double s = 0;
        for (int m = 0; m < models.length; m++) s += rewardWeights[m] * models[m].predict(f);
        double prior = get(f, AFFINITY) + get(f, TOPIC_AFFINITY) + Math.exp(get(f, LIKE_LOGIT)) - Math.exp(get(f, DISLIKE_LOGIT))
                + Math.exp(get(f, USER_TOPIC_LIKE_LOGIT)) + Math.exp(get(f, USER_ITEM_LIKE_LOGIT));
        return s + PRIOR_WEIGHT * prior;
    }

    @Override
    public void accept(LogEntry entry) {
        lock.writeLock().lock();
        try {
            update(entry);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void update(LogEntry entry) {
        if (entry instanceof LogEntry.DecisionEntry d && d.decision().loop().equals(loop)) {
            Decision x = d.decision();
            features.onDecision(x);
            advanceTo(x.timestamp());
        } else if (entry instanceof LogEntry.EventEntry e && (e.event().loop() == null || e.event().loop().equals(loop))) {
            Event x = e.event();
            features.onEvent(x);
            advanceTo(x.timestamp());
        }
    }

    /**
     * The outcome feed runs before this learner on the same entries and closes windows once a minute
     * of event time, so every outcome decided before now − window − 2 minutes has been trained:
     * history older than that is never asked for again and is folded into the decayed sums.
     */
    private void advanceTo(Instant t) {
        if (t.isAfter(watermark)) watermark = t;
        if (Duration.between(advanced, watermark).compareTo(ADVANCE_EVERY) < 0) return;
        advanced = watermark;
        features.compact(watermark.minus(settings.reward().window()).minus(ADVANCE_EVERY.multipliedBy(2)));
    }

    /** An outcome of this loop closed: learn from it. */
    @Override
    public void onOutcome(Outcome o) {
        if (!o.loop().equals(loop)) return;
        lock.writeLock().lock();
        try {
            train(o);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void train(Outcome o) {
        // the features as the decision saw them: just before it, not counting its own impressions
        Instant before = o.decidedAt().minusMillis(1);
        double[] f = rankingFeatures(o.item(), before, o.position(), features.profile(o.user(), before), new FeatureValues(),
                new double[RankingFeatures.SIZE]);
        for (int m = 0; m < models.length; m++) models[m].update(f, o.reactions().contains(modelTypes[m]));
        features.onOutcome(o, o.decidedAt().plus(settings.reward().window()));
    }
}
