package dev.flywheel.rollout;

import dev.flywheel.model.VersionRecord;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One change to a loop's model lifecycle, as the audit log keeps it: what changed, who or what made
 * the change ({@code key:<id>} for an API key, {@code rule:<name>} for an automatic rule,
 * {@code engine} for start-up, {@code monitor} for an alert's configured action), why, and the
 * numbers behind it (the statistic, its interval and the threshold that decided). The registry's versions, aliases and allocation periods are nothing but
 * these records folded in order, so the audit log and the aliases cannot disagree.
 *
 * @param seq        the record's position in the audit log, from 1
 * @param version    the version the change is about; null for {@link Action#ALLOCATE}
 * @param registered the version's record, for {@link Action#REGISTER} only
 * @param allocation the new split, for {@link Action#ALLOCATE} only
 */
public record AuditRecord(long seq, Instant at, String loop, Action action, String version, String actor, String reason,
                          Map<String, Double> numbers, VersionRecord registered, Allocation allocation) {
    public enum Action {
        REGISTER, SHADOW, CANARY, PROMOTE, ROLLBACK, RETIRE, BASELINE, ALLOCATE,
        /** a canary held (by a monitor's alert or a person); newer than the others: older logs hold none and read as before */
        PAUSE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    public AuditRecord {
        if (seq < 1) throw new IllegalArgumentException("seq must be at least 1");
        if (at == null || loop == null || action == null) throw new IllegalArgumentException("at, loop and action are required");
        if (actor == null || actor.isBlank()) throw new IllegalArgumentException("actor is required");
        if ((action == Action.ALLOCATE) == (version != null)) {
            throw new IllegalArgumentException(action.label() + (version == null ? " needs a version" : " takes no version"));
        }
        if ((action == Action.REGISTER) != (registered != null)) throw new IllegalArgumentException("registered goes with register only");
        if ((action == Action.ALLOCATE) != (allocation != null)) throw new IllegalArgumentException("allocation goes with allocate only");
        if (registered != null && !(registered.version().equals(version) && registered.loop().equals(loop))) {
            throw new IllegalArgumentException("the registered record must be of " + loop + "/" + version);
        }
        reason = reason == null ? "" : reason;
        numbers = numbers == null ? Map.of() : new TreeMap<>(numbers);
    }
}
