package dev.flywheel.cli.validate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flywheel.config.ConfigException;
import dev.flywheel.quality.ExpectationSuite;
import dev.flywheel.quality.SuiteReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A suite file: JSON (a GX suite as GX writes it) or YAML ({@code .yaml}, {@code .yml}), parsed into the core's suite. */
public final class SuiteFile {
    private SuiteFile() {
    }

    /** Every failure is a {@link ConfigException} whose message names the file, then the key. */
    public static ExpectationSuite load(Path file) {
        if (!Files.isRegularFile(file)) throw new ConfigException("--suite", "no such file: " + file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper parser = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        Object tree;
        try {
            tree = parser.readValue(file.toFile(), Object.class);
        } catch (JacksonException e) {
            throw new ConfigException("--suite", "cannot parse " + file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("--suite", "cannot read " + file + ": " + e.getMessage());
        }
        try {
            return SuiteReader.read(tree);
        } catch (ConfigException e) {
            throw new ConfigException("--suite " + file + ": " + e.key(), e.getMessage().substring(e.key().length() + 2));
        }
    }
}
