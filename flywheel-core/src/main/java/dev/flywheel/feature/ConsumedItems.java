package dev.flywheel.feature;

import dev.flywheel.event.Event;
import dev.flywheel.log.LogConsumer;
import dev.flywheel.log.LogEntry;
import dev.flywheel.state.StateBytes;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each user has consumed in one loop (rated, purchased, disliked, …: the loop's consumption
 * event types), with the earliest time, so a decision does not offer it again. Fed from the log by
 * the runner; decisions read it concurrently.
 */
public final class ConsumedItems implements LogConsumer, dev.flywheel.state.OperatorState, ConsumedLookup {
    /** 2: each user's items nested, so a restore can leave them undecoded until the user is asked about. */
    private static final int STATE_VERSION = 2;
    private final String loop;
    private final Set<String> types;
    private final Map<String, Map<String, Instant>> byUser = new ConcurrentHashMap<>();
    /**
     * Restored users not asked about since, as the checkpoint wrote them: decoded on first use, by the
     * runner or a decision, into {@link #byUser} (a user only ever moves from here to there).
     */
    private final Map<String, StateBytes> stored = new ConcurrentHashMap<>();
    /** Users whose items changed since the last drain, in key order; null unless {@link #trackChanges} was called. */
    private Set<String> changed;
    /** Where a drain encodes the users' items one after another; made with {@link #changed}. */
    private StateWriter scratch;

    public ConsumedItems(String loop, Set<String> types) {
        this.loop = loop;
        this.types = Set.copyOf(types);
    }

    @Override
    public void accept(LogEntry entry) {
        if (!(entry instanceof LogEntry.EventEntry e)) return;
        Event x = e.event();
        if (x.item() == null || !types.contains(x.type()) || (x.loop() != null && !x.loop().equals(loop))) return;
        load(x.user());
        byUser.computeIfAbsent(x.user(), u -> new ConcurrentHashMap<>(4)).merge(x.item(), x.timestamp(),
                (a, b) -> a.isBefore(b) ? a : b);
        if (changed != null) changed.add(x.user());
    }

    /**
     * From now on, records which users' items change, for {@link #drainChanges} (the Flink job hands
     * them on to the servers; the embedded engine does not pay for it).
     */
    public void trackChanges() {
        if (changed == null) changed = new TreeSet<>();
        if (scratch == null) scratch = new StateWriter();
    }

    /**
     * Each user whose items changed since the last drain, with all their items as {@link #decode}
     * reads them, as of the stream position given; in user order. Call on the thread that feeds the entries.
     */
    public List<ServingStateBatch.PerUser> drainChanges(long seq, boolean afterIdle) {
        if (changed == null) throw new IllegalStateException("changes are not tracked: call trackChanges first");
        List<ServingStateBatch.PerUser> out = new ArrayList<>(changed.size());
        for (String user : changed) out.add(new ServingStateBatch.PerUser(loop, user, seq, afterIdle, encode(byUser.get(user), scratch)));
        changed.clear();
        return out;
    }

    /** The items in {@code bytes} ({@link ServingStateBatch.PerUser#bytes}), each with the earliest time it was consumed. */
    public static Map<String, Instant> decode(byte[] bytes) {
        return read(new StateReader(bytes));
    }

    /** A user's items in key order, as a checkpoint nests them. */
    private static byte[] encode(Map<String, Instant> items, StateWriter out) {
        writeItems(items, out.reset());
        return out.toByteArray();
    }

    private static void writeItems(Map<String, Instant> items, StateWriter out) {
        out.putInt(items.size());
        for (String item : dev.flywheel.state.SortedKeys.of(items)) out.putString(item).putInstant(items.get(item));
    }

    @Override
    public String stateName() {
        return "consumed:" + loop;
    }

    /** Users in key order, each user's items in key order with the earliest time, nested. */
    @Override
    public void writeState(StateWriter out) {
        // stored names first: a user a reader decodes meanwhile is then in byUser
        String[] users = dev.flywheel.state.SortedKeys.union(stored, byUser);
        out.putInt(STATE_VERSION).putInt(users.length);
        for (String user : users) {
            Map<String, Instant> items = byUser.get(user);
            StateBytes kept = items == null ? stored.get(user) : null;
            if (kept == null && items == null) items = byUser.get(user);
            out.putString(user);
            if (kept != null) {
                out.putBytes(kept);
                continue;
            }
            int mark = out.startNested();
            writeItems(items, out);
            out.endNested(mark);
        }
    }

    @Override
    public void readState(StateReader in) {
        in.expectVersion(stateName(), STATE_VERSION);
        if (!byUser.isEmpty() || !stored.isEmpty()) throw new IllegalStateException(stateName() + " restored over other state");
        for (int u = in.count(); u > 0; u--) stored.put(in.getString(), in.getNested());
    }

    /** The user's items, decoded from the restored state on first use; null when the user consumed nothing. */
    private Map<String, Instant> load(String user) {
        Map<String, Instant> mine = byUser.get(user);
        if (mine != null) return mine;
        if (stored.containsKey(user)) {
            byUser.computeIfAbsent(user, u -> {
                StateBytes b = stored.get(u);
                return b == null ? null : read(b.reader());
            });
            stored.remove(user);
        }
        // again: another thread may have moved the user after the first look (it puts before it removes)
        return byUser.get(user);
    }

    private static Map<String, Instant> read(StateReader in) {
        int n = in.count();
        Map<String, Instant> items = new ConcurrentHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) items.put(in.getString(), in.getInstant());
        if (!in.atEnd()) throw new IllegalStateException("a user's consumed items have bytes left over");
        return items;
    }

    /** Restored users not decoded yet, for tests. */
    int storedUsers() {
        return stored.size();
    }

    /** Whether {@code user} had consumed {@code item} at or before {@code at}. */
    public boolean consumed(String user, String item, Instant at) {
        Map<String, Instant> mine = load(user);
        Instant when = mine == null ? null : mine.get(item);
        return when != null && !when.isAfter(at);
    }

    /** The items {@code user} had consumed at or before {@code at}. */
    public Set<String> consumedBy(String user, Instant at) {
        Map<String, Instant> mine = load(user);
        if (mine == null) return Set.of();
        Set<String> out = new java.util.HashSet<>();
        mine.forEach((item, when) -> {
            if (!when.isAfter(at)) out.add(item);
        });
        return out;
    }
}
