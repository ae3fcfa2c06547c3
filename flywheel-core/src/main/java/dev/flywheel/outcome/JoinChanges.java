package dev.flywheel.outcome;

import dev.flywheel.loop.RewardSpec;
import dev.flywheel.outcome.OutcomeJoinState.UserItem;
import dev.flywheel.state.SortedKeys;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the join changed since the last change set of a checkpoint: the open decisions opened, joined
 * or closed, the user-item index entries they touched, the closed and seen ids added or forgotten
 * (each held one written with its time and expiry). A change
 * set writes those keys' entries now, or as removed, and the small parts whole (counters, waiting
 * feedback, unjoined feedback not handed on yet); {@link #read} applies one over the state read so far.
 */
final class JoinChanges {
    final Set<String> open = new HashSet<>();
    final Set<UserItem> shown = new HashSet<>();
    /** Closed ids added or forgotten since the last change set. */
    final Set<String> closed = new HashSet<>();
    /** Seen event ids added or forgotten. */
    final Set<String> seen = new HashSet<>();

    void opened(OpenDecision od) {
        open.add(od.decision.id());
        for (String item : od.items.keySet()) shown.add(new UserItem(od.decision.user(), item));
    }

    void clear() {
        open.clear();
        shown.clear();
        closed.clear();
        seen.clear();
    }

    static void write(OutcomeJoinState s, StateWriter out) {
        JoinChanges c = s.changes;
        JoinStateCodec.writeHeader(s, out);
        String[] ids = SortedKeys.of(c.open);
        out.putInt(ids.length);
        for (String id : ids) {
            OpenDecision od = s.open.get(id);
            out.putString(id).putBoolean(od != null);
            if (od != null) JoinStateCodec.writeOpen(od, out);
        }
        UserItem[] keys = JoinStateCodec.sortedKeys(c.shown);
        out.putInt(keys.length);
        for (UserItem key : keys) {
            List<OpenDecision> list = s.shown.get(key);
            out.putString(key.user()).putString(key.item()).putBoolean(list != null);
            if (list != null) JoinStateCodec.writeDecisionIds(list, out);
        }
        writeIds(c.closed, s.closed, out);
        writeIds(c.seen, s.seenEvents, out);
        JoinStateCodec.writeWaiting(s, out);
        c.clear();
    }

    static void read(StateReader in, OutcomeJoinState s, Map<String, RewardSpec> specs) {
        JoinStateCodec.readHeader(in, s);
        for (int i = in.count(); i > 0; i--) {
            String id = in.getString();
            OpenDecision old = s.open.remove(id);
            if (old != null) s.closing.remove(new OutcomeJoinState.Closing(old.end, id));
            if (!in.getBoolean()) continue;
            OpenDecision od = JoinStateCodec.readOpen(in, specs);
            s.open.put(id, od);
            s.closing.add(new OutcomeJoinState.Closing(od.end, id));
        }
        // the index holds the decisions themselves: rebuilt by id, it points at those just read
        Map<UserItem, List<String>> index = new HashMap<>(s.shown.size() * 2);
        s.shown.forEach((key, list) -> index.put(key, list.stream().map(od -> od.decision.id()).toList()));
        for (int i = in.count(); i > 0; i--) {
            UserItem key = new UserItem(in.getString(), in.getString());
            if (in.getBoolean()) index.put(key, in.getStrings());
            else index.remove(key);
        }
        s.shown.clear();
        index.forEach((key, ids) -> s.shown.put(key, resolve(s, ids)));
        readIds(in, s.closed);
        readIds(in, s.seenEvents);
        s.early.clear();
        s.unjoined.clear();
        JoinStateCodec.readWaiting(in, s);
    }

    private static List<OpenDecision> resolve(OutcomeJoinState s, Collection<String> ids) {
        List<OpenDecision> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            OpenDecision od = s.open.get(id);
            if (od == null) throw new IllegalStateException("the join's index names decision " + id + ", which is not open");
            out.add(od);
        }
        return out;
    }

    /** Each id in key order: whether it is held, and if so its time and its expiry. */
    private static void writeIds(Set<String> changed, ExpiringIds held, StateWriter out) {
        String[] ids = SortedKeys.of(changed);
        out.putInt(ids.length);
        for (String id : ids) held.writeChange(id, out);
    }

    private static void readIds(StateReader in, ExpiringIds held) {
        for (int i = in.count(); i > 0; i--) held.readChange(in);
    }
}
