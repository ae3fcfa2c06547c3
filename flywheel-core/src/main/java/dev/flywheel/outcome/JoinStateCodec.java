package dev.flywheel.outcome;

import dev.flywheel.decision.ServedItem;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import dev.flywheel.loop.RewardSpec;
import dev.flywheel.state.SortedKeys;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The reward join's state in a checkpoint: every open decision with its reactions, the index of
 * what each user was shown (its order decides which decision feedback joins), the closed and seen
 * ids with their expiry, feedback waiting for its decision, and the counters. Maps are written in
 * key order, so equal states write equal bytes.
 */
final class JoinStateCodec {
    static final int VERSION = 1;

    private JoinStateCodec() { }

    static final java.util.Comparator<OutcomeJoinState.UserItem> BY_USER_ITEM = (a, b) -> {
        int c = a.user().compareTo(b.user());
        return c != 0 ? c : a.item().compareTo(b.item());
    };

    static void write(OutcomeJoinState s, StateWriter out) {
        writeHeader(s, out);
        out.putInt(s.open.size());
        for (String id : SortedKeys.of(s.open)) writeOpen(s.open.get(id), out);
        OutcomeJoinState.UserItem[] keys = sortedKeys(s.shown.keySet());
        out.putInt(keys.length);
        for (OutcomeJoinState.UserItem key : keys) {
            out.putString(key.user()).putString(key.item());
            writeDecisionIds(s.shown.get(key), out);
        }
        s.closed.writeTimes(out);
        s.seenEvents.writeTimes(out);
        s.closed.writeExpiries(out);
        s.seenEvents.writeExpiries(out);
        writeWaiting(s, out);
    }

    static OutcomeJoinState.UserItem[] sortedKeys(Collection<OutcomeJoinState.UserItem> keys) {
        OutcomeJoinState.UserItem[] a = keys.toArray(new OutcomeJoinState.UserItem[0]);
        Arrays.sort(a, BY_USER_ITEM);
        return a;
    }

    /** The ids of decisions, as {@link StateWriter#putStrings} writes a list of them. */
    static void writeDecisionIds(List<OpenDecision> decisions, StateWriter out) {
        out.putInt(decisions.size());
        for (OpenDecision od : decisions) out.putString(od.decision.id());
    }

    /** The format version, event time, reaction seq and counters: what starts a state and a change set alike. */
    static void writeHeader(OutcomeJoinState s, StateWriter out) {
        out.putInt(VERSION).putInstant(s.watermark).putLong(s.seq);
        for (long c : counters(s)) out.putLong(c);
    }

    static void readHeader(StateReader in, OutcomeJoinState s) {
        in.expectVersion("join", VERSION);
        s.watermark = in.getInstant();
        s.seq = in.getLong();
        readCounters(in, s);
    }

    /** Feedback waiting for its decision, and unjoined feedback not handed on yet: small, written whole. */
    static void writeWaiting(OutcomeJoinState s, StateWriter out) {
        out.putInt(s.early.size());
        for (String user : SortedKeys.of(s.early)) {
            var events = s.early.get(user);
            out.putString(user).putInt(events.size());
            events.forEach(e -> out.putEntry(new LogEntry.EventEntry(0, 0, e)));
        }
        out.putInt(s.unjoined.size());
        s.unjoined.forEach(u -> out.putEntry(new LogEntry.EventEntry(0, 0, u.event())).putInt(u.reason().ordinal()).putString(u.decision()));
    }

    static void read(StateReader in, OutcomeJoinState s, Map<String, RewardSpec> specs) {
        readHeader(in, s);
        for (int i = in.count(); i > 0; i--) {
            OpenDecision od = readOpen(in, specs);
            s.open.put(od.decision.id(), od);
            s.closing.add(new OutcomeJoinState.Closing(od.end, od.decision.id()));
        }
        for (int i = in.count(); i > 0; i--) {
            OutcomeJoinState.UserItem key = new OutcomeJoinState.UserItem(in.getString(), in.getString());
            List<OpenDecision> list = new ArrayList<>(1);
            for (String id : in.getStrings()) list.add(s.open.get(id));
            s.shown.put(key, list);
        }
        s.closed.readTimes(in);
        s.seenEvents.readTimes(in);
        s.closed.readExpiries(in);
        s.seenEvents.readExpiries(in);
        readWaiting(in, s);
    }

    static void readWaiting(StateReader in, OutcomeJoinState s) {
        for (int i = in.count(); i > 0; i--) {
            String user = in.getString();
            int n = in.count();
            List<Event> events = new ArrayList<>(n);
            for (int j = 0; j < n; j++) events.add(event(in));
            s.early.put(user, events);
        }
        for (int i = in.count(); i > 0; i--) {
            s.unjoined.add(new Unjoined(event(in), Unjoined.Reason.values()[in.getInt()], in.getString()));
        }
    }

    private static long[] counters(OutcomeJoinState s) {
        return new long[] {s.joined, s.exposures, s.late, s.duplicateEvents, s.duplicateDecisions, s.orphans, s.buffered,
                s.unknownLoop, s.outcomes};
    }

    private static void readCounters(StateReader in, OutcomeJoinState s) {
        s.joined = in.getLong();
        s.exposures = in.getLong();
        s.late = in.getLong();
        s.duplicateEvents = in.getLong();
        s.duplicateDecisions = in.getLong();
        s.orphans = in.getLong();
        s.buffered = in.getLong();
        s.unknownLoop = in.getLong();
        s.outcomes = in.getLong();
    }

    static void writeOpen(OpenDecision od, StateWriter out) {
        OpenDecision.Decided d = od.decision;
        out.putString(d.id()).putString(d.loop()).putString(d.user()).putInstant(d.timestamp()).putString(d.model())
                .putString(d.arm()).putInt(d.candidates());
        out.putInt(od.items.size());
        for (OpenDecision.ItemState item : od.items.values()) {
            ServedItem s = item.served;
            out.putString(s.item()).putInt(s.position()).putBoolean(s.score() != null).putDouble(s.score() == null ? 0 : s.score())
                    .putDouble(s.propensity()).putInt(item.lateCount).putInt(item.reactions.size());
            for (OpenDecision.Reaction r : item.reactions) {
                out.putInstant(r.at()).putLong(r.seq()).putString(r.type()).putBoolean(r.value() != null)
                        .putDouble(r.value() == null ? 0 : r.value());
            }
        }
    }

    static OpenDecision readOpen(StateReader in, Map<String, RewardSpec> specs) {
        OpenDecision.Decided d = new OpenDecision.Decided(in.getString(), in.getString(), in.getString(), in.getInstant(),
                in.getString(), in.getString(), in.getInt());
        RewardSpec spec = specs.get(d.loop());
        if (spec == null) throw new IllegalStateException("an open decision of loop " + d.loop() + ", which is not configured");
        int n = in.count();
        List<ServedItem> served = new ArrayList<>(n);
        List<int[]> late = new ArrayList<>(n);
        List<List<OpenDecision.Reaction>> reactions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String item = in.getString();
            int position = in.getInt();
            boolean scored = in.getBoolean();
            double score = in.getDouble();
            served.add(new ServedItem(item, position, scored ? score : null, in.getDouble()));
            late.add(new int[] {in.getInt()});
            List<OpenDecision.Reaction> rs = new ArrayList<>(2);
            for (int j = in.count(); j > 0; j--) {
                Instant at = in.getInstant();
                long seq = in.getLong();
                String type = in.getString();
                boolean valued = in.getBoolean();
                double value = in.getDouble();
                rs.add(new OpenDecision.Reaction(at, seq, type, valued ? value : null));
            }
            reactions.add(rs);
        }
        OpenDecision od = OpenDecision.restored(d, spec, served);
        int i = 0;
        for (OpenDecision.ItemState state : od.items.values()) {
            state.lateCount = late.get(i)[0];
            state.reactions.addAll(reactions.get(i++));
        }
        return od;
    }

    private static Event event(StateReader in) {
        return ((LogEntry.EventEntry) in.getEntry()).event();
    }
}
