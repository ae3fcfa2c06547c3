package dev.flywheel.event;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The event types this deployment accepts: the built-in ones plus the custom types of the config. */
public final class EventTypes {
    private final Set<String> known;

    public EventTypes(List<String> customTypes) {
        Set<String> all = new LinkedHashSet<>(EventType.BUILT_IN);
        for (String t : customTypes) {
            new EventType(t);
            all.add(t);
        }
        this.known = Set.copyOf(all);
    }

    public static EventTypes builtIn() {
        return new EventTypes(List.of());
    }

    public boolean isKnown(String type) {
        return known.contains(type);
    }

    public Set<String> all() {
        return known;
    }
}
