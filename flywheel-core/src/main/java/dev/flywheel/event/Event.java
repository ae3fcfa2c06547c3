package dev.flywheel.event;

import java.time.Instant;

/**
 * An immutable fact from the product. {@code id} is the idempotency key: the same id is stored once.
 *
 * @param propsJson free-form attributes as the text of a JSON object, or null; kept as text because
 *                  the core has no JSON library and never looks inside
 */
public record Event(String id, String type, Instant timestamp, String user, String session,
                    String decision, String loop, String item, Double value, String propsJson)
        implements LoggedRecord {

    public Event {
        Checks c = new Checks()
                .key("id", id, true)
                .key("user", user, true)
                .key("session", session, false)
                .key("decision", decision, false)
                .key("loop", loop, false)
                .key("item", item, false)
                .require(timestamp != null, "timestamp", "is required")
                .finite("value", value);
        if (type == null) {
            c.fail("type", "is required");
        } else if (!EventType.validName(type)) {
            c.fail("type", "must match [a-z][a-z0-9_]{0,63}");
        } else {
            checkValue(c, type, value);
        }
        c.throwIfInvalid();
    }

    private static void checkValue(Checks c, String type, Double value) {
        if (value == null) {
            c.require(!EventType.VALUED.contains(type), "value", "is required for " + type + " events");
        } else if (EventType.NON_NEGATIVE.contains(type) && value < 0) {
            c.fail("value", "must not be negative for " + type + " events");
        }
    }

    @Override
    public Kind kind() {
        return Kind.EVENT;
    }
}
