package dev.flywheel.cli.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flywheel.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --mapping} YAML file: an {@code events} and an {@code items} section, each optional.
 * A file given on the command line whose section is missing is read in the API's field names.
 */
record MappingFile(EventMapping events, ItemMapping items) {
    static final MappingFile NONE = new MappingFile(null, null);

    @SuppressWarnings("unchecked")
    static MappingFile load(Path file) {
        if (file == null) return NONE;
        if (!Files.isRegularFile(file)) throw new ConfigException("--mapping", "no such file: " + file);
        Object tree;
        try {
            tree = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
        } catch (IOException e) {
            throw new ConfigException("--mapping", "cannot parse " + file + ": " + e.getMessage());
        }
        if (tree == null) return NONE;
        if (!(tree instanceof Map)) throw new ConfigException("(root)", "the mapping file must be a YAML mapping");
        return from((Map<String, ?>) tree);
    }

    static MappingFile from(Map<String, ?> root) {
        MappingNode n = new MappingNode("", root);
        if (n.has("decisions")) {
            throw new ConfigException("decisions", "takes no mapping: decisions are JSON lines in the format of POST /v1/decisions");
        }
        n.only(Set.of("events", "items"));
        return new MappingFile(n.raw("events") == null ? null : EventMapping.read(n.child("events")),
                n.raw("items") == null ? null : ItemMapping.read(n.child("items")));
    }
}
