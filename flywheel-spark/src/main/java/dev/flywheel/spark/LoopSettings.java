package dev.flywheel.spark;

import dev.flywheel.config.ConfigException;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.model.CollaborativeSpec;
import dev.flywheel.model.ContentBanditSpec;
import dev.flywheel.model.ModelSpec;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One loop's section of {@code flywheel.yaml}, as plain values that Spark ships to its tasks; each
 * task reads it into the loop's {@link CollaborativeSpec} with the engine's own validation, so every
 * partition weighs and selects interactions by exactly the configuration the engine runs.
 */
public final class LoopSettings implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String loop;
    private final HashMap<String, Object> section;
    private transient CollaborativeSpec spec;

    private LoopSettings(String loop, HashMap<String, Object> section) {
        this.loop = loop;
        this.section = section;
    }

    /**
     * The section of {@code loop} in a parsed {@code flywheel.yaml} (its root mapping), checked now:
     * a loop that is missing, not a learned ranker, or whose collaborative models are off is refused
     * naming the key.
     */
    @SuppressWarnings("unchecked")
    public static LoopSettings of(Map<String, ?> root, String loop) {
        if (!(root.get("loops") instanceof List<?> loops)) throw new ConfigException("loops", "the config declares no loops");
        for (Object l : loops) {
            if (l instanceof Map<?, ?> m && loop.equals(m.get("name"))) {
                LoopSettings s = new LoopSettings(loop, new HashMap<>((Map<String, Object>) m));
                s.spec();
                return s;
            }
        }
        throw new ConfigException("loops", "no loop named " + loop);
    }

    /** The section of {@code loop} in the {@code flywheel.yaml} at {@code file} (see {@link #of}). */
    @SuppressWarnings("unchecked")
    public static LoopSettings read(java.nio.file.Path file, String loop) {
        Object tree;
        try {
            tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readValue(file.toFile(), Object.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--config: cannot read " + file + ": " + e.getMessage());
        }
        if (!(tree instanceof Map)) throw new ConfigException("(root)", "the config file must be a YAML mapping");
        return of((Map<String, ?>) tree, loop);
    }

    public String loop() {
        return loop;
    }

    /** The loop's collaborative models' settings. */
    public CollaborativeSpec spec() {
        if (spec == null) spec = read();
        return spec;
    }

    private CollaborativeSpec read() {
        FlywheelConfig config = FlywheelConfig.from(Map.of("loops", List.of(section)));
        ModelSpec model = config.loop(loop).orElseThrow().model();
        if (!(model instanceof ContentBanditSpec cb)) {
            throw new ConfigException("loops." + loop + ".model", "is " + model.family() + ": only a learned ranker (content-bandit) has collaborative models");
        }
        if (!cb.collaborative().enabled()) throw new ConfigException("loops." + loop + ".collaborative.enabled", "is false: nothing to train");
        return cb.collaborative();
    }
}
