package dev.flywheel.model;

import dev.flywheel.decision.ServedItem;
import java.util.ArrayList;
import java.util.List;

/**
 * An ordered slate. Each slot's {@code propensity} is P(this item in this slot | the items placed in
 * the slots before it) under the sampling policy: exactly what was used to draw it.
 */
public record Slate(List<Slot> slots) {
    public record Slot(String item, double score, double propensity) {
        public Slot {
            if (item == null || item.isBlank()) throw new IllegalArgumentException("item is required");
            if (!(propensity > 0 && propensity <= 1)) throw new IllegalArgumentException("propensity must be in (0, 1]");
        }
    }

    public Slate {
        if (slots == null || slots.isEmpty()) throw new IllegalArgumentException("slots must not be empty");
        slots = List.copyOf(slots);
    }

    /** P(this whole ordered slate): the product of the per-slot conditional propensities. */
    public double jointPropensity() {
        double p = 1;
        for (Slot s : slots) p *= s.propensity();
        return p;
    }

    /** The slots as a decision's served items, positions 1..k, per-slot propensities. */
    public List<ServedItem> servedItems() {
        List<ServedItem> out = new ArrayList<>(slots.size());
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            out.add(new ServedItem(s.item(), i + 1, s.score(), s.propensity()));
        }
        return out;
    }
}
