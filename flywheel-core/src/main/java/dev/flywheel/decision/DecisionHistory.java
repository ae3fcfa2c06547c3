package dev.flywheel.decision;

import dev.flywheel.event.Event;
import dev.flywheel.outcome.Outcome;
import java.util.List;
import java.util.Optional;

/** Reads a logged decision back with what followed it: the events that name it and its closed outcomes. */
public interface DecisionHistory {
    Optional<Decision> decision(String id);

    /** The events that carry the decision's id, in event-time order. */
    List<Event> events(String decision);

    /** The decision's closed outcomes, by position (empty while its window is open). */
    List<Outcome> outcomes(String decision);
}
