package dev.flywheel.loop;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.ConfigTree;
import dev.flywheel.event.EventType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a loop may show a user. By default the candidates are the loop's known items (posted to the
 * catalog or seen in its feedback) and an item the user has consumed is not shown to them again.
 *
 * @param free     candidates are whatever the product sends (interface variants, prompts): none is
 *                 "unknown" and nothing is excluded as consumed
 * @param consumed event types after which an item counts as consumed by its user (rated, purchased,
 *                 disliked, …); empty to show items again
 */
public record CandidateRules(boolean free, Set<String> consumed) {
    /** Judgements, purchases and clicks: a feed shows a read article once, a shop a bought item once. */
    public static final List<String> DEFAULT_CONSUMED = List.of("click", "like", "dislike", "rating", "purchase", "dismiss");

    public CandidateRules {
        consumed = Set.copyOf(consumed);
        for (String t : consumed) {
            if (!EventType.validName(t)) throw new IllegalArgumentException("consumed: not an event type name: " + t);
        }
    }

    public static CandidateRules defaults() {
        return new CandidateRules(false, Set.copyOf(DEFAULT_CONSUMED));
    }

    /** Reads a loop's {@code candidates} section: {@code free} and {@code consumed}. */
    public static CandidateRules from(ConfigTree section) {
        section.only(Set.of("free", "consumed"));
        boolean free = section.bool("free", false);
        List<String> types = section.keys().contains("consumed") ? section.strings("consumed") : DEFAULT_CONSUMED;
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < types.size(); i++) {
            if (!EventType.validName(types.get(i))) {
                throw new ConfigException(section.keyOf("consumed") + "[" + i + "]", "is not an event type name: " + types.get(i));
            }
            out.add(types.get(i));
        }
        return new CandidateRules(free, free ? Set.of() : out);
    }

    public boolean consumes(String eventType) {
        return consumed.contains(eventType);
    }
}
