package dev.flywheel.sim.articles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The article world: catalogue, users and the exact reaction probabilities between them.
 * Immutable after construction; the probability tables are precomputed so that scoring and sampling
 * cost a few array reads (a default run serves ~30 000 slates).
 */
public final class ArticleWorld {
    private final WorldConfig config;
    private final Vocabulary vocabulary;
    private final List<Article> articles;
    private final List<User> users;
    private final Map<String, Integer> articleIndex = new HashMap<>();
    private final Map<String, Integer> userIndex = new HashMap<>();
    private final Tables tables;
    private final WorldFaults faults;
    /** The tables from the drift round on; null without drift. */
    private final Tables drifted;
    private final boolean[] bot;
    /** The articles the bots push (like, and read for long) */
    private final boolean[] pushed;
    private final java.util.Set<String> nativeClickbait;

    /** P(click | examined), P(like | click), P(dislike | click) per (user, article). */
    private record Tables(double[][] click, double[][] like, double[][] dislike) {
        static Tables of(List<User> users, List<Article> articles) {
            Tables t = new Tables(new double[users.size()][articles.size()], new double[users.size()][articles.size()],
                    new double[users.size()][articles.size()]);
            for (int u = 0; u < users.size(); u++) {
                for (int a = 0; a < articles.size(); a++) {
                    User r = users.get(u);
                    Article art = articles.get(a);
                    t.click[u][a] = GroundTruth.clickGivenExamined(r, art);
                    t.like[u][a] = GroundTruth.likeGivenClick(r, art);
                    t.dislike[u][a] = GroundTruth.dislikeGivenClick(r, art);
                }
            }
            return t;
        }
    }

    private ArticleWorld(WorldConfig config, WorldFaults faults) {
        WorldBuilder builder = new WorldBuilder(config);
        this.config = config;
        this.faults = faults;
        this.vocabulary = builder.vocabulary();
        // each fault draws from its own stream, so a world without faults is the world it always was
        List<Article> built = builder.articles();
        this.nativeClickbait = built.stream().filter(Article::clickbait).map(Article::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.articles = List.copyOf(Faults.clickbait(built, faults.clickbaitItems(), config.seed()));
        this.users = List.copyOf(builder.users());
        for (int i = 0; i < articles.size(); i++) articleIndex.put(articles.get(i).id(), i);
        for (int i = 0; i < users.size(); i++) userIndex.put(users.get(i).id(), i);
        tables = Tables.of(users, articles);
        drifted = faults.drifts() ? Tables.of(Faults.drifted(users, config.seed()), articles) : null;
        bot = Faults.bots(users.size(), faults.botShare(), config.seed());
        pushed = Faults.pushTargets(articles, faults.botShare(), config.seed());
    }

    public static ArticleWorld generate(WorldConfig config) {
        return new ArticleWorld(config, WorldFaults.NONE);
    }

    /** The world with {@code faults} injected (the same world as {@link #generate} without them). */
    public static ArticleWorld generate(WorldConfig config, WorldFaults faults) {
        return new ArticleWorld(config, faults);
    }

    public WorldFaults faults() {
        return faults;
    }

    /**
     * What the faults made: the bots, the articles they push, the articles those were drawn among
     * (the honest ones of the lowest quartile of quality: what the pushed ones are peers of), every
     * clickbait article (native and injected), the injected ones among them, the drift round (-1: none).
     */
    public record FaultTruth(List<String> bots, List<String> pushed, List<String> pushPool, List<String> clickbait,
                             List<String> injectedClickbait, int driftRound) { }

    public FaultTruth faultTruth() {
        List<String> bots = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) if (bot[u]) bots.add(users.get(u).id());
        List<String> pushedIds = new ArrayList<>();
        for (int a = 0; a < articles.size(); a++) if (pushed[a]) pushedIds.add(articles.get(a).id());
        List<String> clickbait = articles.stream().filter(Article::clickbait).map(Article::id).toList();
        List<String> injected = clickbait.stream().filter(id -> !nativeClickbait.contains(id)).toList();
        List<String> pool = Faults.pushPool(articles).stream().map(a -> articles.get(a).id()).toList();
        return new FaultTruth(List.copyOf(bots), List.copyOf(pushedIds), pool, clickbait, injected, faults.driftRound());
    }

    /** Whether {@code user} is an injected bot (its reactions are not a person's). */
    public boolean isBot(String user) {
        return bot[userIdx(user)];
    }

    public WorldConfig config() {
        return config;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public List<Article> articles() {
        return articles;
    }

    public List<User> users() {
        return users;
    }

    public Article article(String id) {
        return articles.get(articleIdx(id));
    }

    public User user(String id) {
        return users.get(userIdx(id));
    }

    /** P(like | shown at slot 1, i.e. examined): what a policy should maximise, exactly. */
    public double trueLikeProbability(String user, String article) {
        int u = userIdx(user);
        int a = articleIdx(article);
        return tables.click[u][a] * tables.like[u][a];
    }

    /** P(click | examined). */
    public double trueClickProbability(String user, String article) {
        return tables.click[userIdx(user)][articleIdx(article)];
    }

    /** P(dislike | examined). */
    public double trueDislikeProbability(String user, String article) {
        int u = userIdx(user);
        int a = articleIdx(article);
        return tables.click[u][a] * tables.dislike[u][a];
    }

    /**
     * Samples the reactions of a user to a slate, slot by slot. Exactly four uniforms are drawn per
     * slot whatever happens, so two policies reading the same stream get common random numbers.
     */
    public List<SlotReaction> react(String user, List<String> slate, SplittableRandom rng) {
        return react(user, slate, rng, 0);
    }

    /**
     * {@link #react} in round {@code round} (counted from 1, as the demo prints rounds): the drifted
     * interests from the drift round on, and a bot's behaviour for a bot: every slot seen, almost
     * every one clicked; a pushed article liked and read for long, anything else left unjudged after
     * a second (a push attack: the clicks hide the likes in volume). The same four uniforms per slot
     * either way.
     */
    public List<SlotReaction> react(String user, List<String> slate, SplittableRandom rng, int round) {
        int u = userIdx(user);
        Tables t = drifted != null && round >= faults.driftRound() ? drifted : tables;
        List<SlotReaction> out = new ArrayList<>(slate.size());
        for (int i = 0; i < slate.size(); i++) {
            int a = articleIdx(slate.get(i));
            double uExam = rng.nextDouble();
            double uClick = rng.nextDouble();
            double uAfter = rng.nextDouble();
            double uDwell = rng.nextDouble();
            if (bot[u]) {
                out.add(botReaction(slate.get(i), i + 1, pushed[a], uClick, uDwell));
                continue;
            }
            boolean examined = uExam < GroundTruth.examination(i + 1);
            boolean clicked = examined && uClick < t.click[u][a];
            boolean liked = clicked && uAfter < t.like[u][a];
            boolean disliked = clicked && !liked && uAfter < t.like[u][a] + t.dislike[u][a];
            double dwell = clicked ? GroundTruth.dwellSeconds(liked, disliked, uDwell) : 0;
            out.add(new SlotReaction(slate.get(i), i + 1, examined, clicked, liked, disliked, dwell));
        }
        return out;
    }

    private static SlotReaction botReaction(String article, int position, boolean pushed, double uClick, double uDwell) {
        boolean clicked = uClick < Faults.BOT_CLICK;
        boolean liked = clicked && pushed;
        double dwell = !clicked ? 0 : liked ? 60 + 60 * uDwell : 0.5 + uDwell;
        return new SlotReaction(article, position, true, clicked, liked, false, dwell);
    }

    private int articleIdx(String id) {
        Integer i = articleIndex.get(id);
        if (i == null) throw new IllegalArgumentException("unknown article " + id);
        return i;
    }

    private int userIdx(String id) {
        Integer i = userIndex.get(id);
        if (i == null) throw new IllegalArgumentException("unknown user " + id);
        return i;
    }
}
