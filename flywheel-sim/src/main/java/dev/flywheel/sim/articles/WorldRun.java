package dev.flywheel.sim.articles;

import dev.flywheel.loop.DecideRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Rounds of traffic on one world, served by several policies side by side. Each policy has its own
 * copy of the world's mutable state (what each user disliked), so they do not influence each other.
 * Who is active in a round and the uniforms behind a user's reactions depend only on (seed, round,
 * user): every policy faces the same users and the same luck — common random numbers, which make
 * the differences between policies much less noisy than independent runs would.
 */
public final class WorldRun {
    /** The loop every contender serves; the engine's demo configures it under this name. */
    public static final String LOOP = "home-feed";
    private final ArticleWorld world;
    private final RunConfig config;
    private final List<Lane> lanes = new ArrayList<>();
    private final List<Article> byPublication;

    private WorldRun(ArticleWorld world, RunConfig config, List<Contender> contenders) {
        this.world = world;
        this.config = config;
        for (Contender c : contenders) lanes.add(new Lane(c));
        this.byPublication = world.articles().stream()
                .sorted(Comparator.comparing(Article::publishedAt).thenComparing(Article::id)).toList();
    }

    /** Hears about every finished round, e.g. to draw progress or print a table line. */
    public interface RoundListener {
        void roundDone(int round, Map<String, SlateMetrics> metrics);
    }

    public static RunReport run(ArticleWorld world, RunConfig config, List<Contender> contenders) {
        return run(world, config, contenders, (round, metrics) -> { });
    }

    public static RunReport run(ArticleWorld world, RunConfig config, List<Contender> contenders, RoundListener listener) {
        if (contenders.isEmpty()) throw new IllegalArgumentException("at least one policy is required");
        if (contenders.stream().map(Contender::name).distinct().count() != contenders.size()) {
            throw new IllegalArgumentException("policy names must be distinct");
        }
        WorldRun run = new WorldRun(world, config, contenders);
        for (int round = 0; round < config.rounds(); round++) {
            run.playRound(round);
            Map<String, SlateMetrics> last = new java.util.LinkedHashMap<>();
            for (Lane lane : run.lanes) last.put(lane.contender.name(), lane.rounds.get(round));
            listener.roundDone(round, last);
        }
        return run.report();
    }

    private void playRound(int round) {
        Instant now = world.config().start().plus(config.roundLength().multipliedBy(round));
        List<String> published = published(now);
        SplittableRandom activity = new SplittableRandom(mix(config.seed(), round, -1));
        List<User> users = world.users();
        for (int u = 0; u < users.size(); u++) {
            User user = users.get(u);
            if (activity.nextDouble() >= user.activity() || published.isEmpty()) continue;
            long reactionSeed = mix(config.seed(), round, u);
            for (Lane lane : lanes) lane.serve(user.id(), published, now, round, new SplittableRandom(reactionSeed));
        }
        for (Lane lane : lanes) lane.closeRound();
    }

    private List<String> published(Instant now) {
        List<String> ids = new ArrayList<>(byPublication.size());
        for (Article a : byPublication) {
            if (a.publishedAt().isAfter(now)) break;
            ids.add(a.id());
        }
        return List.copyOf(ids);
    }

    private RunReport report() {
        List<PolicyReport> out = new ArrayList<>();
        for (Lane lane : lanes) {
            List<SlateMetrics> rounds = lane.rounds;
            SlateMetrics eval = rounds.subList(rounds.size() - config.evaluationRounds(), rounds.size())
                    .stream().reduce(SlateMetrics.EMPTY, SlateMetrics::plus);
            out.add(new PolicyReport(lane.contender.name(), rounds, eval));
        }
        return new RunReport(out);
    }

    /** SplitMix64 finaliser over the three coordinates: independent-looking seeds for neighbours. */
    static long mix(long seed, int round, int user) {
        long z = seed * 0x9E3779B97F4A7C15L + round * 0xBF58476D1CE4E5B9L + (user + 1L) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One policy's side of the run: its state of the world and its metrics. */
    private final class Lane {
        final Contender contender;
        final Map<String, Set<String>> disliked = new HashMap<>();
        final List<SlateMetrics> rounds = new ArrayList<>();
        SlateMetrics current = SlateMetrics.EMPTY;

        Lane(Contender contender) {
            this.contender = contender;
        }

        void serve(String user, List<String> published, Instant now, int round, SplittableRandom rng) {
            Set<String> banned = disliked.getOrDefault(user, Set.of());
            List<String> candidates = banned.isEmpty() ? published
                    : published.stream().filter(id -> !banned.contains(id)).toList();
            if (candidates.isEmpty()) return;
            List<String> slate = contender.policy().decide(new DecideRequest(LOOP, user, candidates, config.k()), now)
                    .slate().items();
            check(slate, banned, now);
            List<SlotReaction> slots = world.react(user, slate, rng, round + 1);
            // a bot's reactions are no one's satisfaction: the metrics count people
            boolean person = !world.isBot(user);
            for (SlotReaction slot : slots) {
                if (person) current = current.plus(slot, config.weights());
                if (slot.disliked()) disliked.computeIfAbsent(user, x -> new HashSet<>()).add(slot.item());
            }
            if (contender.policy() instanceof FeedbackObserver o) o.observe(Feedback.of(user, now, slots));
        }

        /** The world rules, checked without rebuilding a set of the candidates for every slate. */
        private void check(List<String> slate, Set<String> banned, Instant now) {
            if (slate.isEmpty() || slate.size() > config.k() || new HashSet<>(slate).size() != slate.size()) {
                throw new IllegalStateException(contender.name() + " returned an invalid slate " + slate);
            }
            for (String item : slate) {
                if (banned.contains(item) || world.article(item).publishedAt().isAfter(now)) {
                    throw new IllegalStateException(contender.name() + " served " + item + ", not a candidate");
                }
            }
        }

        void closeRound() {
            rounds.add(current);
            current = SlateMetrics.EMPTY;
        }
    }
}
