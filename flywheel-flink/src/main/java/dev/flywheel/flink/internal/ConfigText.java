package dev.flywheel.flink.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flywheel.config.ConfigException;
import dev.flywheel.config.FlywheelConfig;
import java.io.IOException;
import java.util.Map;

/**
 * The engine's configuration as the job carries it: the text of {@code flywheel.yaml} (JSON is YAML
 * too), parsed and validated the engine's way on the client before the job is submitted and again
 * where the operator runs. Suites referenced by {@code file} must be inline: the job reads no files.
 */
public final class ConfigText {
    private ConfigText() { }

    public static FlywheelConfig parse(String text) {
        Object tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readValue(text, Object.class);
        } catch (IOException e) {
            throw new ConfigException("(root)", "cannot parse the configuration: " + e.getMessage());
        }
        if (tree == null) return FlywheelConfig.defaults();
        if (!(tree instanceof Map<?, ?> map)) throw new ConfigException("(root)", "the configuration must be a YAML mapping");
        @SuppressWarnings("unchecked")
        Map<String, ?> root = (Map<String, ?>) map;
        return FlywheelConfig.from(root);
    }
}
