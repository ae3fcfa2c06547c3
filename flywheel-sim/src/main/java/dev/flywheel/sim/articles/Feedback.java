package dev.flywheel.sim.articles;

import java.time.Instant;
import java.util.List;

/** What a policy may learn from: the slate it served to a user and the reactions per slot. */
public record Feedback(String user, Instant time, List<SlotReaction> slots) {

    public Feedback {
        if (user == null || time == null) throw new IllegalArgumentException("user and time are required");
        slots = List.copyOf(slots);
    }

    public List<String> slate() {
        return slots.stream().map(SlotReaction::item).toList();
    }
}
