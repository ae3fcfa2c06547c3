package dev.flywheel.sim.articles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the articles and users of a world from one seeded stream. The order of draws is part of
 * the reproducibility contract: change it and every seed gives a different world.
 */
final class WorldBuilder {
    private final WorldConfig config;
    private final SplittableRandom rnd;
    private final Vocabulary vocabulary;

    WorldBuilder(WorldConfig config) {
        this.config = config;
        this.rnd = new SplittableRandom(config.seed());
        this.vocabulary = Vocabulary.generate(config.topics(), config.wordsPerTopic(), config.fillerWords(), rnd);
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    List<Article> articles() {
        List<Article> out = new ArrayList<>(config.articles());
        for (int i = 0; i < config.articles(); i++) out.add(article(i));
        return out;
    }

    List<User> users() {
        List<User> out = new ArrayList<>(config.users());
        for (int i = 0; i < config.users(); i++) out.add(user(i));
        return out;
    }

    private Article article(int index) {
        List<Integer> topics = new ArrayList<>(2);
        topics.add(rnd.nextInt(config.topics()));
        if (config.topics() > 1 && rnd.nextDouble() < 0.35) {
            int second = rnd.nextInt(config.topics() - 1);
            topics.add(second >= topics.get(0) ? second + 1 : second);
        }
        boolean clickbait = rnd.nextDouble() < config.clickbaitShare();
        // Clickbait is cheap content; the rest spreads around the middle (mean of two uniforms).
        double quality = clickbait ? 0.05 + 0.3 * rnd.nextDouble() : (rnd.nextDouble() + rnd.nextDouble()) / 2;
        String title = text(topics, 8, 0.25);
        String body = text(topics, config.bodyWords(), 0.35);
        return new Article("a" + index, topics, quality, clickbait, title, body, publishedAt());
    }

    private Instant publishedAt() {
        long span = config.backlog().toSeconds() + config.horizon().toSeconds();
        long offset = span == 0 ? 0 : rnd.nextLong(span + 1);
        return config.start().minus(config.backlog()).plusSeconds(offset);
    }

    /** The first topic dominates a two-topic text, as a main subject does. */
    private String text(List<Integer> topics, int words, double fillerShare) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) sb.append(' ');
            if (rnd.nextDouble() < fillerShare) {
                sb.append(pick(vocabulary.filler()));
            } else {
                int topic = topics.size() == 1 || rnd.nextDouble() < 0.65 ? topics.get(0) : topics.get(1);
                sb.append(pick(vocabulary.topicWords().get(topic)));
            }
        }
        return sb.toString();
    }

    private User user(int index) {
        double[] prefs = new double[config.topics()];
        for (int t = 0; t < prefs.length; t++) prefs[t] = 0.2 * rnd.nextDouble();
        int loved = 1 + rnd.nextInt(Math.min(3, prefs.length));
        for (int i = 0; i < loved; i++) prefs[popularTopic()] = 0.75 + 0.25 * rnd.nextDouble();
        return new User("u" + index, prefs, 0.3 + 0.6 * rnd.nextDouble());
    }

    /**
     * Topic t is loved with weight 1/(t+1): some topics have a mass audience, others a niche one,
     * as in real feeds. Without it a global top list would be no better than chance.
     */
    private int popularTopic() {
        double total = 0;
        for (int t = 0; t < config.topics(); t++) total += 1.0 / (t + 1);
        double u = rnd.nextDouble() * total;
        for (int t = 0; t < config.topics(); t++) {
            u -= 1.0 / (t + 1);
            if (u < 0) return t;
        }
        return config.topics() - 1;
    }

    private String pick(List<String> words) {
        return words.get(rnd.nextInt(words.size()));
    }
}
