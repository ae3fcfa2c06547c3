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
    private final double[][] click;
    private final double[][] like;
    private final double[][] dislike;

    private ArticleWorld(WorldConfig config) {
        WorldBuilder builder = new WorldBuilder(config);
        this.config = config;
        this.vocabulary = builder.vocabulary();
        this.articles = List.copyOf(builder.articles());
        this.users = List.copyOf(builder.users());
        for (int i = 0; i < articles.size(); i++) articleIndex.put(articles.get(i).id(), i);
        for (int i = 0; i < users.size(); i++) userIndex.put(users.get(i).id(), i);
        click = new double[users.size()][articles.size()];
        like = new double[users.size()][articles.size()];
        dislike = new double[users.size()][articles.size()];
        for (int u = 0; u < users.size(); u++) {
            for (int a = 0; a < articles.size(); a++) {
                User r = users.get(u);
                Article art = articles.get(a);
                click[u][a] = GroundTruth.clickGivenExamined(r, art);
                like[u][a] = GroundTruth.likeGivenClick(r, art);
                dislike[u][a] = GroundTruth.dislikeGivenClick(r, art);
            }
        }
    }

    public static ArticleWorld generate(WorldConfig config) {
        return new ArticleWorld(config);
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
        return click[u][a] * like[u][a];
    }

    /** P(click | examined). */
    public double trueClickProbability(String user, String article) {
        return click[userIdx(user)][articleIdx(article)];
    }

    /** P(dislike | examined). */
    public double trueDislikeProbability(String user, String article) {
        int u = userIdx(user);
        int a = articleIdx(article);
        return click[u][a] * dislike[u][a];
    }

    /**
     * Samples the reactions of a user to a slate, slot by slot. Exactly four uniforms are drawn per
     * slot whatever happens, so two policies reading the same stream get common random numbers.
     */
    public List<SlotReaction> react(String user, List<String> slate, SplittableRandom rng) {
        int u = userIdx(user);
        List<SlotReaction> out = new ArrayList<>(slate.size());
        for (int i = 0; i < slate.size(); i++) {
            int a = articleIdx(slate.get(i));
            double uExam = rng.nextDouble();
            double uClick = rng.nextDouble();
            double uAfter = rng.nextDouble();
            double uDwell = rng.nextDouble();
            boolean examined = uExam < GroundTruth.examination(i + 1);
            boolean clicked = examined && uClick < click[u][a];
            boolean liked = clicked && uAfter < like[u][a];
            boolean disliked = clicked && !liked && uAfter < like[u][a] + dislike[u][a];
            double dwell = clicked ? GroundTruth.dwellSeconds(liked, disliked, uDwell) : 0;
            out.add(new SlotReaction(slate.get(i), i + 1, examined, clicked, liked, disliked, dwell));
        }
        return out;
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
