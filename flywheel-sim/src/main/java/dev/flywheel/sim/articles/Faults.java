package dev.flywheel.sim.articles;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** How each {@link WorldFaults} fault changes the world, each from its own seeded stream. */
final class Faults {
    /** A bot clicks nearly everything it is shown. */
    static final double BOT_CLICK = 0.9;
    /** How many articles the bots push. */
    static final int PUSH_TARGETS = 8;

    private Faults() { }

    /** {@code n} more articles, drawn among those that are not clickbait yet, turned into clickbait. */
    static List<Article> clickbait(List<Article> articles, int n, long seed) {
        List<Integer> honest = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) if (!articles.get(i).clickbait()) honest.add(i);
        if (n > honest.size()) throw new IllegalArgumentException("clickbait:items " + n + " exceeds the " + honest.size() + " honest articles");
        SplittableRandom r = new SplittableRandom(seed ^ 0xC11CB417L);
        List<Article> out = new ArrayList<>(articles);
        for (int k = 0; k < n; k++) {
            int pick = honest.remove(r.nextInt(honest.size()));
            Article a = out.get(pick);
            out.set(pick, new Article(a.id(), a.topics(), a.quality(), true, a.title(), a.body(), a.publishedAt()));
        }
        return out;
    }

    /**
     * The articles the bots push: drawn among the honest articles of the lowest quartile of quality,
     * the ones an operator is paid to promote because people would not.
     */
    static boolean[] pushTargets(List<Article> articles, double botShare, long seed) {
        boolean[] target = new boolean[articles.size()];
        if (botShare == 0) return target;
        List<Integer> poor = pushPool(articles);
        SplittableRandom r = new SplittableRandom(seed ^ 0x9054L);
        for (int k = 0; k < Math.min(PUSH_TARGETS, poor.size()); k++) target[poor.remove(r.nextInt(poor.size()))] = true;
        return target;
    }

    /** The indices of the articles the push targets are drawn among: the honest ones of the lowest quartile of quality. */
    static List<Integer> pushPool(List<Article> articles) {
        List<Integer> honest = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) if (!articles.get(i).clickbait()) honest.add(i);
        honest.sort(java.util.Comparator.comparingDouble(i -> articles.get(i).quality()));
        return new ArrayList<>(honest.subList(0, Math.max(PUSH_TARGETS, honest.size() / 4)));
    }

    /** Which users are bots: each with probability {@code share}. */
    static boolean[] bots(int users, double share, long seed) {
        boolean[] bot = new boolean[users];
        if (share == 0) return bot;
        SplittableRandom r = new SplittableRandom(seed ^ 0xB075L);
        for (int u = 0; u < users; u++) bot[u] = r.nextDouble() < share;
        return bot;
    }

    /**
     * Every user's interests moved to other topics: their preferences shuffled over the topics (a
     * derangement is not needed: with a dozen topics a shuffle moves almost every loved topic).
     */
    static List<User> drifted(List<User> users, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0xD41F7L);
        List<User> out = new ArrayList<>(users.size());
        for (User u : users) {
            double[] p = u.preferences();
            for (int i = p.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                double x = p[i];
                p[i] = p[j];
                p[j] = x;
            }
            out.add(new User(u.id(), p, u.activity()));
        }
        return out;
    }
}
