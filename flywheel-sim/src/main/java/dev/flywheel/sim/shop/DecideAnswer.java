package dev.flywheel.sim.shop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.sim.client.FlywheelClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's answer to {@code decide}, as the shop reads it.
 *
 * @param decision the decision id feedback must carry; null for a preview, which is not logged
 * @param model    the model version that ranked the slate
 * @param arm      champion, canary, holdout, preview…
 */
public record DecideAnswer(String decision, String model, String arm, double armProbability, int period,
                           List<Slot> items) {

    /** One served item with the score and propensity the engine logged for it. */
    public record Slot(String item, double score, double propensity) {
        public Slot {
            if (item == null || item.isBlank()) throw new IllegalArgumentException("item is required");
        }
    }

    public DecideAnswer {
        if (model == null || arm == null) throw new IllegalArgumentException("model and arm are required");
        items = List.copyOf(items);
    }

    /** Reads a decide answer; anything but HTTP 200 with the documented fields fails loudly. */
    public static DecideAnswer parse(FlywheelClient.Answer a) {
        JsonNode b = a.body();
        if (a.status() != 200 || b == null || !b.path("items").isArray() || !b.path("model").isTextual()
                || !b.path("arm").isTextual()) {
            throw new IllegalStateException("decide failed: HTTP " + a.status() + " " + a.text());
        }
        List<Slot> slots = new ArrayList<>(b.get("items").size());
        for (JsonNode item : b.get("items")) {
            slots.add(new Slot(item.path("item").asText(null), item.path("score").asDouble(Double.NaN),
                    item.path("propensity").asDouble(Double.NaN)));
        }
        String decision = b.path("decision").isTextual() ? b.get("decision").asText() : null;
        return new DecideAnswer(decision, b.get("model").asText(), b.get("arm").asText(),
                b.path("arm_probability").asDouble(1), b.path("period").asInt(0), slots);
    }

    public List<String> slate() {
        return items.stream().map(Slot::item).toList();
    }
}
