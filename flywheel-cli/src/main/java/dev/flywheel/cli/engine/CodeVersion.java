package dev.flywheel.cli.engine;

import dev.flywheel.rollout.ModelLifecycle;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * The identity of the code that trains and serves models, recorded with every version: the SHA-256
 * (first 12 hex digits) of the flywheel-core jar the engine runs, which changes with any change to
 * the learners; {@code dev} when the classes are not in a jar (an IDE, a test against classes).
 */
final class CodeVersion {
    private CodeVersion() { }

    static String current() {
        try {
            var source = ModelLifecycle.class.getProtectionDomain().getCodeSource();
            if (source == null) return "dev";
            Path p = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(p)) return "dev";
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return "core-" + java.util.HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (java.io.IOException | URISyntaxException | java.security.NoSuchAlgorithmException e) {
            return "dev";
        }
    }
}
