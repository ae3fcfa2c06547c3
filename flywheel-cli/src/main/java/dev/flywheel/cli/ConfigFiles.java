package dev.flywheel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flywheel.cli.engine.DistributedSettings;
import dev.flywheel.config.ConfigException;
import dev.flywheel.config.FlywheelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads {@code flywheel.yaml} into the typed, validated config. An entry of {@code expectations:} may
 * name its suite by {@code file} (a GX suite in JSON or YAML, relative to the config file): it is read
 * here and handed to the config inline, so the core never does I/O.
 */
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
            FlywheelConfig config = FlywheelConfig.from(withSuiteFiles((Map<String, Object>) tree, file.toAbsolutePath().getParent()));
            DistributedSettings.of(config.deployment()); // the adapters' sections are typed by their modules
            return config;
        } catch (IOException e) {
            throw new ConfigException("--config", "cannot parse " + file + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withSuiteFiles(Map<String, Object> root, Path dir) {
        if (!(root.get("expectations") instanceof java.util.List<?> list)) return root;
        java.util.List<Object> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object entry = list.get(i);
            if (entry instanceof Map<?, ?> m && m.get("file") instanceof String name) {
                Map<String, Object> copy = new java.util.LinkedHashMap<>((Map<String, Object>) m);
                copy.remove("file");
                copy.put("suite", suite(dir.resolve(name), "expectations[" + i + "].file"));
                entry = copy;
            }
            out.add(entry);
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>(root);
        copy.put("expectations", out);
        return copy;
    }

    private static Object suite(Path file, String key) {
        if (!Files.isRegularFile(file)) throw new ConfigException(key, "no such file: " + file);
        try {
            return new ObjectMapper(file.toString().endsWith(".json") ? null : new YAMLFactory()).readValue(file.toFile(), Object.class);
        } catch (IOException e) {
            throw new ConfigException(key, "cannot parse " + file + ": " + e.getMessage());
        }
    }
}
