package dev.flywheel.rollout;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.event.FieldError;
import dev.flywheel.event.InvalidRecordException;
import dev.flywheel.feature.ConsumedLookup;
import dev.flywheel.loop.CandidateRules;
import dev.flywheel.loop.Choice;
import dev.flywheel.loop.DecideRequest;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.Slate;
import dev.flywheel.model.Candidate;
import dev.flywheel.model.ModelVersion;
import dev.flywheel.decision.ShadowRanking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a loop serves a decide request: it takes the candidates (the request's, or every item the loop
 * may offer), leaves out what the user has consumed, assigns the user to an arm by a salted hash,
 * asks that arm's model version for scores and draws the slate with the version's sampler. On the
 * champion's arm a challenger in shadow scores the same candidates and draws its own slate, which is
 * logged with the decision and not shown.
 *
 * <p>Each arm draws from its own seeded generator under a short lock, in decision order: a generator
 * split per decision changed which items were explored and, on the article world, what the bandit
 * learned (like rate 0.158 → 0.143 against the oracle's 0.205, seed 42). Sampling is a small part of
 * a decision, so the lock is held briefly.
 */
public final class RolloutPolicy implements LoopPolicy {
    /** The arm of a preview: a named version asked for, never logged. */
    public static final String PREVIEW = "preview";
    private static final String[] ARMS = {ServingPlan.CHAMPION, ServingPlan.CANARY, ServingPlan.HOLDOUT, "shadow", PREVIEW};
    private final String loop;
    private final String salt;
    private final CandidateRules rules;
    private final Catalog catalog;
    private final ConsumedLookup consumed;
    private final SplittableRandom[] random;
    private volatile ServingPlan plan;
    private volatile java.util.function.Function<String, ModelVersion> registry;

    /** A policy serving {@code plan} until {@link #serve} publishes another; users are hashed with {@code salt}. */
    public RolloutPolicy(String loop, String salt, CandidateRules rules, Catalog catalog, ConsumedLookup consumed,
                         ServingPlan plan) {
        this.loop = loop;
        this.salt = salt;
        this.rules = rules;
        this.catalog = catalog;
        this.consumed = consumed;
        this.plan = plan;
        // one generator per arm, seeded from the champion's seed: the champion's draws are those of a
        // loop without a rollout, so adding arms changes nothing for the champion's users
        this.random = new SplittableRandom[ARMS.length];
        for (int a = 0; a < ARMS.length; a++) random[a] = new SplittableRandom(plan.champion().seed() + a * 0x9E3779B97F4A7C15L);
    }

    /** Where a preview of a named version finds it (the registry); throws NoSuchElementException for an unknown one. */
    public void previewFrom(java.util.function.Function<String, ModelVersion> registry) {
        this.registry = registry;
    }

    /** Serves {@code next} from the next decision on. */
    public void serve(ServingPlan next) {
        plan = next;
    }

    public ServingPlan plan() {
        return plan;
    }

    @Override
    public Choice decide(DecideRequest req, Instant now) {
        if (req.candidates() == null && rules.free()) {
            throw new InvalidRecordException(List.of(new FieldError("candidates",
                    "loop " + loop + " has free candidates (variants the product names): send them")));
        }
        List<String> asked = req.candidates() != null ? req.candidates() : catalog.offerable(now);
        List<String> unknown = rules.free() || req.candidates() == null ? List.of() : unknown(asked);
        List<String> eligible = eligible(req.user(), asked, now);
        if (eligible.isEmpty()) {
            throw new InvalidRecordException(List.of(new FieldError("candidates", asked.isEmpty()
                    ? "loop " + loop + " has no items to offer yet: post items or send candidates"
                    : "none is eligible for user " + req.user() + ": all " + asked.size() + " were consumed")));
        }
        ServingPlan p = plan;
        if (req.version() != null) return preview(req, p, eligible, unknown, now);
        String arm = p.arm(salt, req.user());
        ModelVersion version = p.version(arm);
        List<Candidate> scored = version.scorer().score(req.user(), eligible, now, req.explain());
        Slate slate = sample(arm, version, scored, req.k());
        List<ShadowRanking> shadows = ServingPlan.CHAMPION.equals(arm) && p.shadow() != null
                ? List.of(shadow(p.shadow(), req, eligible, now)) : List.of();
        return new Choice(version.name(), arm, p.probability(arm), p.state().period(), slate, eligible, unknown, shadows);
    }

    /** What a named version would show this user: for a look at a version, or a simulator's ground truth. */
    private Choice preview(DecideRequest req, ServingPlan p, List<String> eligible, List<String> unknown, Instant now) {
        var lookup = registry;
        ModelVersion version = lookup != null ? lookup.apply(req.version()) : p.champion();
        if (lookup == null && !version.name().equals(req.version())) {
            throw new java.util.NoSuchElementException("no version " + req.version() + " in loop " + loop);
        }
        List<Candidate> scored = version.scorer().score(req.user(), eligible, now, req.explain());
        return new Choice(version.name(), PREVIEW, 1, p.state().period(), sample(PREVIEW, version, scored, req.k()),
                eligible, unknown, List.of());
    }

    private ShadowRanking shadow(ModelVersion challenger, DecideRequest req, List<String> eligible, Instant now) {
        List<Candidate> scored = challenger.scorer().score(req.user(), eligible, now, false);
        return new ShadowRanking(challenger.name(), sample("shadow", challenger, scored, req.k()).servedItems());
    }

    private List<String> eligible(String user, List<String> asked, Instant now) {
        if (rules.free() || rules.consumed().isEmpty()) return asked;
        List<String> out = new ArrayList<>(asked.size());
        for (String item : asked) {
            if (!consumed.consumed(user, item, now)) out.add(item);
        }
        return out;
    }

    private List<String> unknown(List<String> asked) {
        List<String> out = new ArrayList<>();
        for (String item : asked) {
            if (!catalog.knows(item)) out.add(item);
        }
        return out;
    }

    private Slate sample(String arm, ModelVersion version, List<Candidate> scored, int k) {
        SplittableRandom r = random[java.util.Arrays.asList(ARMS).indexOf(arm)];
        synchronized (r) {
            return version.sampler().sample(scored, k, r);
        }
    }
}
