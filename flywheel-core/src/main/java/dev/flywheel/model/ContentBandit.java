package dev.flywheel.model;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.decision.Decision;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.InvalidRecordException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The article loop's learner: content similarity between the user's profile and the item, the
 * item's smoothed feedback rates and freshness, combined by one online logistic model (FTRL) per
 * rewarded reaction; a candidate's score is its expected reward. Exploration is the configured
 * slate sampler, so every logged propensity is exact.
 *
 * <p>It learns from the log like any stream operator: decisions and events update the features at
 * once (the next decision sees them), and each closed outcome trains the models with the features
 * as they were when the decision was made.
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
    private final Map<String, FtrlProximal> models = new LinkedHashMap<>();
    private final SplittableRandom rng;
    private Instant watermark = Instant.EPOCH;
    private Instant advanced = Instant.EPOCH;

    public ContentBandit(String loop, ContentBanditSettings settings, Catalog catalog) {
        this.loop = loop;
        this.settings = settings;
        this.catalog = catalog;
        this.features = new FeedbackFeatures(settings.halfLife(), settings.priorStrength(), this::vector);
        settings.reward().weights().forEach((type, w) -> {
            if (w != 0) models.put(type, new FtrlProximal(settings.ftrl()));
        });
        this.rng = new SplittableRandom(settings.seed());
    }

    private Map<String, Double> vector(String item) {
        return catalog.get(item).map(e -> e.vector().asMap()).orElse(Map.of());
    }

    @Override
    public synchronized dev.flywheel.loop.Slate decide(DecideRequest req, Instant now) {
        List<String> pool = req.candidates() != null ? req.candidates() : published(now);
        List<Candidate> scored = new ArrayList<>(pool.size());
        Map<String, Map<String, Double>> used = new HashMap<>();
        FeedbackFeatures.ProfileSnapshot profile = features.profile(req.user(), now);
        for (String item : pool) {
            if (!features.eligible(req.user(), item, now)) continue;
            Map<String, Double> f = rankingFeatures(req.user(), item, now, 1, profile);
            scored.add(new Candidate(item, score(f)));
            if (req.explain()) used.put(item, f);
        }
        if (scored.isEmpty()) throw new InvalidRecordException(List.of(new FieldError("candidates", "none is eligible for user " + req.user())));
        Slate slate = settings.sampler().sample(scored, req.k(), rng);
        List<dev.flywheel.loop.Slate.Slot> slots = new ArrayList<>();
        for (Slate.Slot s : slate.slots()) {
            slots.add(new dev.flywheel.loop.Slate.Slot(s.item(), s.score(), s.propensity(), used.getOrDefault(s.item(), Map.of())));
        }
        return new dev.flywheel.loop.Slate(MODEL, "champion", slots, pool);
    }

    /**
     * The learner's scores of {@code candidates} for {@code user} at {@code at}, without sampling and
     * without learning: the eligible candidates, in the given order, that {@link #decide} would hand
     * to the sampler. Off-policy evaluation uses it to ask a frozen learner about logged decisions.
     */
    public synchronized List<Candidate> score(String user, List<String> candidates, Instant at) {
        List<Candidate> scored = new ArrayList<>(candidates.size());
        FeedbackFeatures.ProfileSnapshot profile = features.profile(user, at);
        for (String item : candidates) {
            if (features.eligible(user, item, at)) scored.add(new Candidate(item, score(rankingFeatures(user, item, at, 1, profile))));
        }
        return scored;
    }

    private List<String> published(Instant now) {
        List<String> out = new ArrayList<>();
        for (Catalog.Entry e : catalog.all()) {
            if (e.item().published() == null || !e.item().published().isAfter(now)) out.add(e.item().id());
        }
        return out;
    }

    private Map<String, Double> rankingFeatures(String user, String item, Instant at, int position,
                                                FeedbackFeatures.ProfileSnapshot profile) {
        var entry = catalog.get(item);
        Map<String, Double> vec = entry.map(e -> e.vector().asMap()).orElse(Map.of());
        Instant published = entry.map(e -> e.item().published()).orElse(null);
        return RankingFeatures.of(features.features(user, item, vec, at, profile), published, at, position);
    }

    /** Expected reward under the models, plus a small prior that orders candidates before they learn. */
    private double score(Map<String, Double> f) {
        double s = 0;
        for (var m : models.entrySet()) s += settings.reward().weights().get(m.getKey()) * m.getValue().predict(f);
        double prior = f.get("affinity") + f.get("topic_affinity") + Math.exp(f.get("like_logit")) - Math.exp(f.get("dislike_logit"))
                + Math.exp(f.get("user_topic_like_logit")) + Math.exp(f.get("user_item_like_logit"));
        return s + PRIOR_WEIGHT * prior;
    }

    @Override
    public synchronized void accept(LogEntry entry) {
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
    public synchronized void onOutcome(Outcome o) {
        if (o.loop().equals(loop)) train(o);
    }

    private void train(Outcome o) {
        // the features as the decision saw them: just before it, not counting its own impressions
        Instant before = o.decidedAt().minusMillis(1);
        Map<String, Double> f = rankingFeatures(o.user(), o.item(), before, o.position(), features.profile(o.user(), before));
        for (var m : models.entrySet()) m.getValue().update(f, o.reactions().contains(m.getKey()));
        features.onOutcome(o, o.decidedAt().plus(settings.reward().window()));
    }
}
