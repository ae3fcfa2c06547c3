package dev.flywheel.sim.articles;

import java.time.Instant;
import java.util.List;

/**
 * What a policy may learn from: the slate it served and the events the product logged for it.
 * Deliberately no ground truth (whether a slot was examined): an impression without a click is all
 * a real product knows, so a learner tested here cannot cheat.
 */
public record Feedback(String user, Instant time, List<String> slate, List<Reaction> events) {

    public Feedback {
        if (user == null || time == null) throw new IllegalArgumentException("user and time are required");
        slate = List.copyOf(slate);
        events = List.copyOf(events);
        for (Reaction e : events) {
            if (e.position() > slate.size() || !slate.get(e.position() - 1).equals(e.item())) {
                throw new IllegalArgumentException("event " + e + " does not match the slate " + slate);
            }
        }
    }

    /** The product's view of sampled slot reactions. */
    public static Feedback of(String user, Instant time, List<SlotReaction> slots) {
        List<String> slate = slots.stream().map(SlotReaction::item).toList();
        List<Reaction> events = slots.stream().flatMap(s -> s.events().stream()).toList();
        return new Feedback(user, time, slate, events);
    }

    /** Whether the slot at {@code position} (1-based) got an event of {@code type}. */
    public boolean has(int position, String type) {
        for (Reaction e : events) {
            if (e.position() == position && e.type().equals(type)) return true;
        }
        return false;
    }
}
