package dev.flywheel.sim.articles;

import java.time.Instant;
import java.util.List;

/**
 * One article of the world with its hidden traits. {@code quality} and {@code clickbait} are ground
 * truth no policy but the oracle may read; title and body are the content a content-based learner
 * sees.
 */
public record Article(String id, List<Integer> topics, double quality, boolean clickbait, String title,
                      String body, Instant publishedAt) {

    public Article {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id is required");
        topics = List.copyOf(topics);
        if (topics.isEmpty() || topics.size() > 2) {
            throw new IllegalArgumentException("an article has 1 or 2 topics, got " + topics);
        }
        if (!(quality >= 0 && quality <= 1)) throw new IllegalArgumentException("quality in [0,1], got " + quality);
        if (title == null || body == null || publishedAt == null) {
            throw new IllegalArgumentException("title, body and publishedAt are required");
        }
    }
}
