package dev.flywheel.analysis;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.LoopSpec;
import dev.flywheel.model.Candidate;
import dev.flywheel.model.ModelVersion;
import dev.flywheel.stats.Interval;
import dev.flywheel.topology.LoopRuntime;
import dev.flywheel.topology.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Replay evaluation of a loop's model on the loop's own history: split each user's items into
 * training and test ({@link ReplaySplit}), replay the training part through a fresh topology of the
 * loop (the engine's operators, batch models trained in line), then rank for every test user, without
 * logging decisions, the items the loop would offer them (consumed ones left out, as {@code decide}
 * does), by the loop's model (greedy: no exploration), by popularity and at random. A ranking is
 * judged by the test items the user reacted to with a relevant type (a like by default).
 */
public final class ReplayEvaluation {
    public enum Split { TEMPORAL, RANDOM }

    /**
     * @param relevantTypes reactions that make a held-out item relevant; empty: the loop's reward types
     *                      of the largest positive weight
     */
    public record Options(Split split, double testFraction, int k, Set<String> relevantTypes, long seed, int resamples,
                          double confidence) {
        public Options {
            if (split == null) throw new IllegalArgumentException("--split is required");
            if (!(testFraction > 0 && testFraction < 1)) throw new IllegalArgumentException("--test-fraction must be in (0, 1)");
            if (k < 1 || k > 1000) throw new IllegalArgumentException("--k must be from 1 to 1000");
            relevantTypes = Set.copyOf(relevantTypes);
        }
    }

    /** One policy's rankings judged: the summary, the interval of its mean nDCG, and the per-user values. */
    public record PolicyResult(RankingMetrics.Summary summary, Interval ndcgInterval) { }

    /**
     * @param ndcgDifference the paired interval of the model's nDCG minus popularity's, over users
     */
    public record Report(int k, int users, String model, Set<String> relevantTypes, Map<String, PolicyResult> policies,
                         Interval ndcgDifference, long trainingEntries) {
        public double ndcgRatio() {
            return policies.get(model).summary().ndcg() / policies.get(Baselines.POPULARITY).summary().ndcg();
        }
    }

    private ReplayEvaluation() { }

    /** @param log reads the loop's log from the start each time it is called (it is read twice) */
    public static Report run(LoopSpec loop, Supplier<Stream<LogEntry>> log, Options o, Consumer<String> progress) {
        Set<String> relevantTypes = o.relevantTypes().isEmpty() ? strongest(loop) : o.relevantTypes();
        ReplaySplit split = new ReplaySplit(loop.name());
        try (Stream<LogEntry> s = log.get()) {
            s.forEach(split::see);
        }
        split.split(o.split(), o.testFraction(), o.seed());
        progress.accept("split done; replaying the training part");
        Topology topology = Topology.build(List.of(loop), new Catalog(), null, true);
        Baselines baselines = new Baselines(relevantTypes, loop.name());
        Instant[] until = {Instant.EPOCH};
        long[] trained = {0};
        try (Stream<LogEntry> s = log.get()) {
            s.forEach(e -> {
                split.markRelevant(e, relevantTypes);
                LogEntry t = split.training(e);
                if (t == null) return;
                for (LogConsumer op : topology.operators()) op.accept(t);
                baselines.see(t);
                until[0] = latest(until[0], t);
                trained[0]++;
            });
        }
        topology.idle();
        progress.accept("training replayed (" + trained[0] + " entries); ranking for the test users");
        return rank(topology, loop.name(), split.relevantByUser(), baselines, until[0].plusMillis(1), o, relevantTypes,
                trained[0]);
    }

    private static Report rank(Topology topology, String name, Map<String, Set<String>> relevant, Baselines baselines,
                               Instant at, Options o, Set<String> relevantTypes, long trained) {
        LoopRuntime loop = topology.loop(name);
        ModelVersion version = loop.model().champion();
        if (version == null) throw new IllegalArgumentException("--loop " + name + " is decided by the product: nothing to evaluate");
        List<String> offerable = topology.catalog().offerable(at);
        Map<String, List<List<String>>> rankings = new LinkedHashMap<>();
        for (String policy : List.of(version.name(), Baselines.POPULARITY, Baselines.RANDOM)) rankings.put(policy, new ArrayList<>());
        List<String> byPopularity = baselines.byPopularity(offerable);
        List<Set<String>> relevantSets = new ArrayList<>();
        for (Map.Entry<String, Set<String>> u : relevant.entrySet()) {
            Set<String> consumed = consumed(loop, u.getKey(), at);
            List<String> eligible = eligible(offerable, consumed);
            rankings.get(version.name()).add(top(version.scorer().score(u.getKey(), eligible, at, false), o.k()));
            rankings.get(Baselines.POPULARITY).add(Baselines.popular(byPopularity, consumed, o.k()));
            rankings.get(Baselines.RANDOM).add(baselines.random(eligible, o.k(), o.seed() ^ u.getKey().hashCode()));
            relevantSets.add(u.getValue());
        }
        if (relevantSets.isEmpty()) throw new IllegalArgumentException("no test user has a held-out item with a reaction of "
                + relevantTypes + ": nothing to evaluate (check --relevant and the loop's events)");
        return report(rankings, relevantSets, version.name(), offerable.size(), o, relevantTypes, trained);
    }

    private static Report report(Map<String, List<List<String>>> rankings, List<Set<String>> relevant, String model,
                                 int catalogue, Options o, Set<String> relevantTypes, long trained) {
        Map<String, PolicyResult> out = new LinkedHashMap<>();
        rankings.forEach((name, r) -> {
            RankingMetrics.Summary s = RankingMetrics.summarize(r, relevant, o.k(), Math.max(1, catalogue));
            out.put(name, new PolicyResult(s, RankingMetrics.meanInterval(s.perUser(), RankingMetrics.Metric.NDCG,
                    o.confidence(), o.resamples(), o.seed())));
        });
        Interval diff = RankingMetrics.pairedDifferenceInterval(out.get(model).summary().perUser(),
                out.get(Baselines.POPULARITY).summary().perUser(), RankingMetrics.Metric.NDCG, o.confidence(), o.resamples(), o.seed());
        return new Report(o.k(), relevant.size(), model, relevantTypes, out, diff, trained);
    }

    /** The items the loop would not offer the user again, as decide leaves them out. */
    private static Set<String> consumed(LoopRuntime loop, String user, Instant at) {
        return loop.spec().candidates().consumed().isEmpty() ? Set.of() : loop.consumed().consumedBy(user, at);
    }

    private static List<String> eligible(List<String> offerable, Set<String> consumed) {
        if (consumed.isEmpty()) return offerable;
        List<String> out = new ArrayList<>(offerable.size());
        for (String item : offerable) if (!consumed.contains(item)) out.add(item);
        return out;
    }

    /** The best {@code k} by score, ties in candidate order. */
    static List<String> top(List<Candidate> scored, int k) {
        List<Candidate> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<String> out = new ArrayList<>(Math.min(k, sorted.size()));
        for (int i = 0; i < Math.min(k, sorted.size()); i++) out.add(sorted.get(i).item());
        return out;
    }

    private static Set<String> strongest(LoopSpec loop) {
        double best = loop.reward().weights().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (best <= 0) throw new IllegalArgumentException("--relevant: loop " + loop.name() + " rewards no reaction positively; name the relevant types");
        Set<String> out = new java.util.TreeSet<>();
        loop.reward().weights().forEach((t, w) -> {
            if (w == best) out.add(t);
        });
        return out;
    }

    private static Instant latest(Instant until, LogEntry e) {
        Instant t = e.timestamp();
        return t != null && t.isAfter(until) ? t : until;
    }
}
