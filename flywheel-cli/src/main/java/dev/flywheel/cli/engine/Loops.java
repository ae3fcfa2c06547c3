package dev.flywheel.cli.engine;

import dev.flywheel.catalog.Catalog;
import dev.flywheel.config.ConfigException;
import dev.flywheel.config.FlywheelConfig;
import dev.flywheel.config.LoopSettings;
import dev.flywheel.loop.LoopPolicy;
import dev.flywheel.loop.UniformPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Builds each configured loop's policy at start-up; a bad loop section stops the start with its key. */
final class Loops {
    private Loops() { }

    static Map<String, LoopPolicy> build(FlywheelConfig config, Catalog catalog) {
        Map<String, LoopPolicy> out = new HashMap<>();
        for (LoopSettings l : config.loops()) out.put(l.name(), policy(l, catalog));
        return out;
    }

    private static LoopPolicy policy(LoopSettings l, Catalog catalog) {
        Supplier<List<String>> all = () -> catalog.all().stream().map(e -> e.item().id()).toList();
        long seed = l.section().longValue("seed", l.name().hashCode(), Long.MIN_VALUE, Long.MAX_VALUE);
        return switch (l.model()) {
            case "uniform" -> new UniformPolicy("uniform-v1", all, seed);
            default -> throw new ConfigException(l.section().key("model"), "model family " + l.model() + " is not available in this build");
        };
    }
}
