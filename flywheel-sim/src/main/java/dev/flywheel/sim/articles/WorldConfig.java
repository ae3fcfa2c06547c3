package dev.flywheel.sim.articles;

import java.time.Duration;
import java.time.Instant;

/**
 * How big and how shaped the article world is. Publication times fall in
 * {@code [start - backlog, start + horizon]}, so part of the catalogue arrives while a run is going.
 */
public record WorldConfig(long seed, int topics, int wordsPerTopic, int fillerWords, int articles,
                          int bodyWords, double clickbaitShare, int users, Instant start,
                          Duration backlog, Duration horizon) {

    public WorldConfig {
        positive("topics", topics);
        positive("wordsPerTopic", wordsPerTopic);
        positive("fillerWords", fillerWords);
        positive("articles", articles);
        positive("bodyWords", bodyWords);
        positive("users", users);
        if (!(clickbaitShare >= 0 && clickbaitShare <= 1)) {
            throw new IllegalArgumentException("clickbaitShare must be in [0,1], got " + clickbaitShare);
        }
        if (start == null || backlog == null || horizon == null || backlog.isNegative() || horizon.isNegative()) {
            throw new IllegalArgumentException("start, backlog and horizon are required, durations >= 0");
        }
    }

    public static WorldConfig defaults(long seed) {
        return new WorldConfig(seed, 12, 40, 60, 400, 60, 0.15, 300,
                Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(30), Duration.ofDays(10));
    }

    public WorldConfig withSize(int articles, int users) {
        return new WorldConfig(seed, topics, wordsPerTopic, fillerWords, articles, bodyWords,
                clickbaitShare, users, start, backlog, horizon);
    }

    private static void positive(String key, int value) {
        if (value <= 0) throw new IllegalArgumentException(key + " must be > 0, got " + value);
    }
}
