package dev.flywheel.decision;

import dev.flywheel.event.Checks;
import dev.flywheel.event.LoggedRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the product showed: the served items with their positions, scores and propensities, the
 * model version and arm that produced them. Feedback events carry the decision's id.
 *
 * @param candidates  what could have been shown (may be empty when the product does not say)
 * @param contextJson the request context as the text of a JSON object, or null
 */
public record Decision(String id, String loop, String user, Instant timestamp, String model,
                       String arm, List<ServedItem> items, List<String> candidates,
                       String contextJson) implements LoggedRecord {
    public static final int MAX_ITEMS = 1_000;
    public static final int MAX_CANDIDATES = 10_000;

    public Decision {
        items = items == null ? null : List.copyOf(items);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        Checks c = new Checks()
                .key("id", id, true)
                .key("loop", loop, true)
                .key("user", user, true)
                .key("model", model, true)
                .key("arm", arm, true)
                .require(timestamp != null, "timestamp", "is required")
                .require(candidates.size() <= MAX_CANDIDATES, "candidates",
                        "must hold at most " + MAX_CANDIDATES + " items");
        checkItems(c, items);
        c.throwIfInvalid();
    }

    private static void checkItems(Checks c, List<ServedItem> items) {
        if (items == null || items.isEmpty()) {
            c.fail("items", "must list at least one served item");
            return;
        }
        c.require(items.size() <= MAX_ITEMS, "items", "must hold at most " + MAX_ITEMS + " items");
        Set<Integer> positions = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ServedItem s = items.get(i);
            c.require(positions.add(s.position()), "items[" + i + "].position", "repeats position " + s.position());
            c.require(seen.add(s.item()), "items[" + i + "].item", "repeats item " + s.item());
        }
    }

    @Override
    public Kind kind() {
        return Kind.DECISION;
    }
}
