package dev.flywheel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flywheel.config.ConfigException;
import dev.flywheel.config.FlywheelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads {@code flywheel.yaml} into the typed, validated config. */
public final class ConfigFiles {
    private ConfigFiles() { }

    @SuppressWarnings("unchecked")
    public static FlywheelConfig load(Path file) {
        if (file == null) return FlywheelConfig.defaults();
        if (!Files.isRegularFile(file)) throw new ConfigException("--config", "no such file: " + file);
        try {
            Object tree = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
            if (tree == null) return FlywheelConfig.defaults();
            if (!(tree instanceof Map)) throw new ConfigException("(root)", "the config file must be a YAML mapping");
            return FlywheelConfig.from((Map<String, ?>) tree);
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot parse " + file + ": " + e.getMessage());
        }
    }
}
