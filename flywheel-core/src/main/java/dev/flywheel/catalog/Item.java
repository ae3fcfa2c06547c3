package dev.flywheel.catalog;

import dev.flywheel.event.Checks;
import dev.flywheel.event.LoggedRecord;
import java.time.Instant;
import java.util.List;

/**
 * A catalog item (an article, a product, a UI variant). Posting the same id again replaces it.
 *
 * @param topics         labels the recommender may use beside the text (sections, categories)
 * @param attributesJson other attributes as the text of a JSON object, or null
 * @param published      when the item appeared, for recency; null when unknown
 */
public record Item(String id, String title, String body, List<String> topics, String attributesJson,
                   Instant published) implements LoggedRecord {
    public static final int MAX_TEXT = 100_000;

    public Item {
        topics = topics == null ? List.of() : List.copyOf(topics);
        Checks c = new Checks().key("id", id, true)
                .require(title == null || title.length() <= MAX_TEXT, "title", "must be at most " + MAX_TEXT + " characters")
                .require(body == null || body.length() <= MAX_TEXT, "body", "must be at most " + MAX_TEXT + " characters")
                .require(topics.size() <= 100, "topics", "must hold at most 100 topics");
        for (int i = 0; i < topics.size(); i++) c.key("topics[" + i + "]", topics.get(i), true);
        c.throwIfInvalid();
    }

    @Override
    public Kind kind() {
        return Kind.ITEM;
    }
}
