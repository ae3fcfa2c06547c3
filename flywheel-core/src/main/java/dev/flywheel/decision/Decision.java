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
 * @param armProbability the probability that the rollout put this user in {@code arm}, or null when
 *                       the product did not say
 * @param period         the rollout's allocation period when the decision was made (0 when it was not
 *                       made by a Flywheel rollout): the analysis compares arms within one period
 * @param candidates     what could have been shown (may be empty when the product does not say)
 * @param contextJson    the request context as the text of a JSON object, or null
 * @param shadows        what challengers in shadow would have shown for the same request
 */
public record Decision(String id, String loop, String user, Instant timestamp, String model,
                       String arm, Double armProbability, int period, List<ServedItem> items,
                       List<String> candidates, String contextJson, List<ShadowRanking> shadows)
        implements LoggedRecord {
    public static final int MAX_ITEMS = 1_000;
    public static final int MAX_CANDIDATES = 10_000;

    public Decision {
        items = items == null ? null : List.copyOf(items);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        shadows = shadows == null ? List.of() : List.copyOf(shadows);
        Checks c = new Checks()
                .key("id", id, true)
                .key("loop", loop, true)
                .key("user", user, true)
                .key("model", model, true)
                .key("arm", arm, true)
                .require(timestamp != null, "timestamp", "is required")
                .require(armProbability == null || armProbability > 0 && armProbability <= 1, "arm_probability",
                        "must be in (0, 1]")
                .require(period >= 0, "period", "must not be negative")
                .require(candidates.size() <= MAX_CANDIDATES, "candidates",
                        "must hold at most " + MAX_CANDIDATES + " items");
        checkItems(c, items);
        c.throwIfInvalid();
    }

    /** A decision the product made and logged itself: no rollout period, no shadows. */
    public Decision(String id, String loop, String user, Instant timestamp, String model, String arm,
                    List<ServedItem> items, List<String> candidates, String contextJson) {
        this(id, loop, user, timestamp, model, arm, null, 0, items, candidates, contextJson, List.of());
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
