package dev.flywheel.rollout;

import dev.flywheel.model.VersionRecord;
import dev.flywheel.rollout.AuditRecord.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One loop's registry and rollout, folded from its audit records in order: the versions and their
 * statuses, the aliases ({@code champion}, {@code challenger}, {@code baseline}) and every allocation
 * period so far. {@link #check} refuses a change that does not follow from the current state, with a
 * message that says why; the caller appends the record to the audit log only after the check, then
 * applies it. Not thread-safe: its owner serialises changes.
 */
public final class LoopLifecycle {
    private final String loop;
    private final Map<String, VersionRecord> versions = new LinkedHashMap<>();
    private final Map<String, VersionStatus> status = new LinkedHashMap<>();
    private final Map<String, String> replaced = new LinkedHashMap<>();
    private final List<AuditRecord> audit = new ArrayList<>();
    private final List<RolloutState> periods = new ArrayList<>();
    private RolloutState state;

    public LoopLifecycle(String loop, Allocation initial) {
        this.loop = loop;
        this.state = new RolloutState(0, Instant.EPOCH, null, null, null, null, initial);
    }

    /** Throws {@link IllegalStateException} naming the reason when {@code r} cannot follow the current state. */
    public void check(AuditRecord r) {
        if (!r.loop().equals(loop)) throw new IllegalArgumentException("record of loop " + r.loop() + " given to " + loop);
        String v = r.version();
        if (r.action() == Action.REGISTER) {
            if (versions.containsKey(v)) throw new IllegalStateException("version " + v + " is already registered");
            VersionRecord n = r.registered();
            if (n != null && n.retrainedOnline() && n.learnsAfter() == null) {
                throw new IllegalStateException("online version " + v + " has no log position to learn after");
            }
            return;
        }
        if (r.action() == Action.ALLOCATE) return;
        VersionStatus s = status.get(v);
        if (s == null) throw new java.util.NoSuchElementException("no version " + v + " in loop " + loop);
        switch (r.action()) {
            case SHADOW -> need(v, s, Set.of(VersionStatus.REGISTERED), "start a shadow", true);
            case CANARY -> need(v, s, Set.of(VersionStatus.REGISTERED, VersionStatus.SHADOW, VersionStatus.PAUSED),
                    "start a canary", true);
            case PAUSE -> need(v, s, Set.of(VersionStatus.CANARY), "pause it", true);
            case PROMOTE -> need(v, s, Set.of(VersionStatus.REGISTERED, VersionStatus.SHADOW, VersionStatus.CANARY,
                    VersionStatus.PAUSED, VersionStatus.RETIRED), "promote it", false);
            case ROLLBACK -> checkRollback(v, s);
            case RETIRE -> need(v, s, Set.of(VersionStatus.REGISTERED, VersionStatus.SHADOW, VersionStatus.CANARY,
                    VersionStatus.PAUSED), "retire it", false);
            case BASELINE -> {
                if (s == VersionStatus.ROLLED_BACK) throw new IllegalStateException("version " + v + " was rolled back: it cannot be the baseline");
            }
            default -> throw new IllegalStateException("unknown action " + r.action());
        }
    }

    private void need(String v, VersionStatus s, Set<VersionStatus> allowed, String what, boolean freeChallenger) {
        if (!allowed.contains(s)) throw new IllegalStateException("version " + v + " is " + s.label() + ": cannot " + what);
        if (freeChallenger && state.challenger() != null && !state.challenger().equals(v)) {
            throw new IllegalStateException("version " + state.challenger() + " is already the challenger ("
                    + state.stage().label() + "): cannot " + what + " of " + v);
        }
    }

    private void checkRollback(String v, VersionStatus s) {
        if (v.equals(state.challenger())) return;
        if (s != VersionStatus.CHAMPION) throw new IllegalStateException("version " + v + " is " + s.label()
                + ": only the challenger or the champion can be rolled back");
        String previous = replaced.get(v);
        if (previous == null) throw new IllegalStateException("version " + v + " replaced no version: nothing to roll back to");
    }

    /** Applies a checked record. */
    public void apply(AuditRecord r) {
        check(r);
        audit.add(r);
        String v = r.version();
        switch (r.action()) {
            case REGISTER -> {
                versions.put(v, r.registered());
                status.put(v, VersionStatus.REGISTERED);
            }
            case SHADOW -> challenge(r, v, VersionStatus.SHADOW);
            case CANARY -> challenge(r, v, VersionStatus.CANARY);
            case PAUSE -> challenge(r, v, VersionStatus.PAUSED);
            case PROMOTE -> promote(r, v);
            case ROLLBACK -> rollback(r, v);
            case RETIRE -> {
                boolean wasChallenger = v.equals(state.challenger());
                status.put(v, VersionStatus.RETIRED);
                if (wasChallenger) moveTo(r, state.champion(), null, null, state.baseline(), state.allocation());
            }
            case BASELINE -> moveTo(r, state.champion(), state.challenger(), state.stage(), v, state.allocation());
            case ALLOCATE -> moveTo(r, state.champion(), state.challenger(), state.stage(), state.baseline(), r.allocation());
            default -> throw new IllegalStateException("unknown action " + r.action());
        }
    }

    private void challenge(AuditRecord r, String v, VersionStatus stage) {
        status.put(v, stage);
        moveTo(r, state.champion(), v, stage, state.baseline(), state.allocation());
    }

    private void promote(AuditRecord r, String v) {
        String old = state.champion();
        if (old != null) {
            status.put(old, VersionStatus.RETIRED);
            replaced.put(v, old);
        }
        status.put(v, VersionStatus.CHAMPION);
        boolean wasChallenger = v.equals(state.challenger());
        moveTo(r, v, wasChallenger ? null : state.challenger(), wasChallenger ? null : state.stage(),
                state.baseline() == null ? v : state.baseline(), state.allocation());
    }

    private void rollback(AuditRecord r, String v) {
        status.put(v, VersionStatus.ROLLED_BACK);
        if (v.equals(state.challenger())) {
            moveTo(r, state.champion(), null, null, state.baseline(), state.allocation());
            return;
        }
        String previous = replaced.get(v);
        status.put(previous, VersionStatus.CHAMPION);
        moveTo(r, previous, state.challenger(), state.stage(), v.equals(state.baseline()) ? previous : state.baseline(),
                state.allocation());
    }

    private void moveTo(AuditRecord r, String champion, String challenger, VersionStatus stage, String baseline,
                        Allocation allocation) {
        state = new RolloutState(state.period() + 1, r.at(), champion, challenger, stage, baseline, allocation);
        periods.add(state);
    }

    public String loop() {
        return loop;
    }

    /** The current state. */
    public RolloutState state() {
        return state;
    }

    /** The state in force at {@code at}: the last period that began at or before it. */
    public RolloutState stateAt(Instant at) {
        RolloutState found = new RolloutState(0, Instant.EPOCH, null, null, null, null,
                periods.isEmpty() ? state.allocation() : periods.get(0).allocation());
        for (RolloutState p : periods) {
            if (p.since().isAfter(at)) break;
            found = p;
        }
        return found;
    }

    /** Every allocation period so far, oldest first. */
    public List<RolloutState> periods() {
        return Collections.unmodifiableList(periods);
    }

    public Map<String, VersionRecord> versions() {
        return Collections.unmodifiableMap(versions);
    }

    public VersionStatus status(String version) {
        return status.get(version);
    }

    /** The version {@code version} replaced as champion, or null. */
    public String replaced(String version) {
        return replaced.get(version);
    }

    public List<AuditRecord> audit() {
        return Collections.unmodifiableList(audit);
    }

    /** The next version id: {@code v<n>} with n one past the number of versions registered. */
    public String nextVersion() {
        int n = versions.size() + 1;
        while (versions.containsKey("v" + n)) n++;
        return "v" + n;
    }
}
