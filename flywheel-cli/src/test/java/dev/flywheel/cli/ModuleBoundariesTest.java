package dev.flywheel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A {@code .internal} package is implementation detail of the module that holds it: no other
 * module's main code imports it. (Two places once did: the file log read the core codec's buffer, and
 * a benchmark the server's event reader.) Checked on the sources of every module of the build.
 */
class ModuleBoundariesTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.flywheel\\.[a-z.]*\\.internal)\\.", Pattern.MULTILINE);

    @Test
    void noModuleImportsAnotherModulesInternalPackages() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // surefire runs in the module's directory
        Map<String, String> owner = new HashMap<>();
        List<Path> modules;
        try (Stream<Path> s = Files.list(root)) {
            modules = s.filter(p -> p.getFileName().toString().startsWith("flywheel-") && Files.isDirectory(p.resolve("src/main/java"))).toList();
        }
        assertTrue(modules.size() >= 7, "modules found under " + root + ": " + modules);
        for (Path m : modules) {
            for (Path f : javaFiles(m)) {
                String pkg = m.resolve("src/main/java").relativize(f.getParent()).toString().replace('/', '.');
                if (pkg.endsWith(".internal")) owner.put(pkg, m.getFileName().toString());
            }
        }
        List<String> crossings = new ArrayList<>();
        for (Path m : modules) {
            for (Path f : javaFiles(m)) {
                Matcher x = IMPORT.matcher(Files.readString(f));
                while (x.find()) {
                    String home = owner.get(x.group(1));
                    if (home != null && !home.equals(m.getFileName().toString())) crossings.add(root.relativize(f) + " imports " + x.group(1));
                }
            }
        }
        assertTrue(owner.size() >= 5, "internal packages found: " + owner);
        assertEquals(List.of(), crossings);
    }

    private static List<Path> javaFiles(Path module) throws IOException {
        try (Stream<Path> s = Files.walk(module.resolve("src/main/java"))) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
