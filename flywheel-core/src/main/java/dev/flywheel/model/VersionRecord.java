package dev.flywheel.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model version in the registry, with its lineage: what it is (family and parameters), what it
 * was trained on (a training snapshot's id), by which code, from which parent, why (the trigger),
 * and how it measured before it served anyone (offline metrics and its off-policy estimate against
 * the champion, as named numbers).
 *
 * @param version the version's id within its loop ({@code v1}, {@code v2}, …)
 * @param dataset the training snapshot's content id, or null when the version learned only online
 * @param parent  the version it was trained to replace (the champion at the time), or null
 * @param trigger what created it: {@code initial}, {@code outcomes}, {@code schedule},
 *                {@code metric-drop}, {@code manual}, {@code injected}
 * @param state   the content hash of the persisted model state; null for an online version, whose
 *                state is the loop's live learner
 * @param metrics offline metrics and off-policy estimates, by name (sorted, so the record's form is
 *                stable)
 */
public record VersionRecord(String loop, String version, String family, Map<String, String> params, String dataset,
                            String code, String parent, String trigger, Mode mode, Instant created,
                            Map<String, Double> metrics, String state) {
    /** Whether the version's parameters stay as trained or keep learning from outcomes. */
    public enum Mode { FROZEN, ONLINE }

    public VersionRecord {
        require(loop, "loop");
        require(version, "version");
        if (!version.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("version must be letters, digits, '.', '_' or '-', got " + version);
        }
        require(family, "family");
        require(code, "code");
        require(trigger, "trigger");
        if (mode == null || created == null) throw new IllegalArgumentException("mode and created are required");
        if (mode == Mode.FROZEN && state == null) throw new IllegalArgumentException("a frozen version needs its state");
        params = params == null ? Map.of() : new TreeMap<>(params);
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
        metrics.forEach((k, v) -> {
            if (v == null || Double.isNaN(v)) throw new IllegalArgumentException("metric " + k + " must be a number");
        });
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is required");
    }

}
