package dev.flywheel.config;

import java.util.Set;

/**
 * One loop of the config: its name, its model family and the rest of its section, which the model
 * family reads and validates when the engine builds the loop (still at start-up).
 *
 * @param section the loop's whole section, for the model family to read with key-named errors
 */
public record LoopSettings(String name, String model, int k, ConfigTree section) {
    /** {@code external}: the product decides and logs its decisions; Flywheel joins their outcomes. */
    public static final Set<String> MODELS = Set.of("uniform", "content-bandit", "external");

    static LoopSettings from(ConfigTree t, Set<String> allowedKeys) {
        t.only(allowedKeys);
        String name = t.string("name", null);
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new ConfigException(t.keyOf("name"), "is required: lower-case letters, digits, - and _");
        }
        String model = t.string("model", "content-bandit");
        if (!MODELS.contains(model)) throw new ConfigException(t.keyOf("model"), "must be one of " + new java.util.TreeSet<>(MODELS));
        return new LoopSettings(name, model, t.integer("k", 10, 1, 100), t);
    }

}
