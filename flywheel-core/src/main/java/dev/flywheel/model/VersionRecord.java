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
 * <p>Three kinds, by mode and state: a <em>frozen</em> version serves its stored state as it is; the
 * loop's <em>live learner</em> (online, no state: a loop's initial online version) is the model the
 * loop has learned since its first entry; an <em>online retrained</em> version (online, with a
 * snapshot and the state that snapshot trains) starts from that state and keeps learning from the
 * outcomes of the loop's decisions logged after {@code learnsAfter}.
 *
 * @param version     the version's id within its loop ({@code v1}, {@code v2}, …)
 * @param dataset     the training snapshot's content id, or null when the version learned only online
 * @param parent      the version it was trained to replace (the champion at the time), or null
 * @param trigger     what created it: {@code initial}, {@code outcomes}, {@code schedule},
 *                    {@code metric-drop}, {@code manual}, {@code injected}
 * @param state       the content hash of the persisted model state: what a frozen version serves, or
 *                    what an online retrained version started from; null for the live learner
 * @param metrics     offline metrics and off-policy estimates, by name (sorted, so the record's form
 *                    is stable)
 * @param learnsAfter for an online retrained version, the event-log position at its registration:
 *                    it learns from the outcomes of the loop's decisions after it. Null for the other
 *                    kinds, and until the registry registers the version (the registry picks it)
 */
public record VersionRecord(String loop, String version, String family, Map<String, String> params, String dataset,
                            String code, String parent, String trigger, Mode mode, Instant created,
                            Map<String, Double> metrics, String state, Long learnsAfter) {
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
        if (mode == Mode.ONLINE && state != null && dataset == null) {
            throw new IllegalArgumentException("dataset is required: an online version with a state started from a snapshot");
        }
        if (learnsAfter != null && (mode != Mode.ONLINE || state == null)) {
            throw new IllegalArgumentException("learnsAfter is only for an online version retrained from a snapshot");
        }
        if (learnsAfter != null && learnsAfter < -1) throw new IllegalArgumentException("learnsAfter must be a log position");
        params = params == null ? Map.of() : new TreeMap<>(params);
        metrics = metrics == null ? Map.of() : new TreeMap<>(metrics);
        metrics.forEach((k, v) -> {
            if (v == null || Double.isNaN(v)) throw new IllegalArgumentException("metric " + k + " must be a number");
        });
    }

    /** A version that is not online retrained, or one not registered yet. */
    public VersionRecord(String loop, String version, String family, Map<String, String> params, String dataset,
                         String code, String parent, String trigger, Mode mode, Instant created,
                         Map<String, Double> metrics, String state) {
        this(loop, version, family, params, dataset, code, parent, trigger, mode, created, metrics, state, null);
    }

    /** Whether this is the loop's live learner: online, with no state of its own. */
    public boolean liveLearner() {
        return mode == Mode.ONLINE && state == null;
    }

    /** Whether this version started from a snapshot's state and keeps learning online. */
    public boolean retrainedOnline() {
        return mode == Mode.ONLINE && state != null;
    }

    /** This record, learning after log position {@code seq}. */
    public VersionRecord learningAfter(long seq) {
        return new VersionRecord(loop, version, family, params, dataset, code, parent, trigger, mode, created, metrics, state,
                seq);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is required");
    }

}
