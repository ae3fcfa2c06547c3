package dev.flywheel.log;

import dev.flywheel.catalog.Item;
import dev.flywheel.decision.Decision;
import dev.flywheel.decision.ServedItem;
import dev.flywheel.decision.ShadowRanking;
import dev.flywheel.event.Event;
import dev.flywheel.event.FieldError;
import dev.flywheel.log.internal.ByteCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a log entry, shared by every log adapter so a log written by one can be read
 * by another. Layout: kind byte, seq, received millis, then the payload's fields in declaration
 * order; strings are length-prefixed UTF-8 with -1 for null. Bumping the kind byte is how the
 * format would evolve.
 */
public final class LogCodec {
    private static final byte EVENT = 1;
    private static final byte DECISION = 2;
    private static final byte QUARANTINE = 3;
    private static final byte ITEM = 4;
    /** A decision with its rollout arm probability, allocation period and shadow rankings. */
    private static final byte DECISION_ROLLOUT = 5;

    private LogCodec() { }

    public static void encode(LogEntry entry, Bytes out) {
        // Java 17: no pattern switch yet, so the sealed hierarchy is walked with instanceof.
        if (entry instanceof LogEntry.EventEntry e) {
            header(out, EVENT, e);
            writeEvent(e.event(), out);
        } else if (entry instanceof LogEntry.DecisionEntry d) {
            header(out, DECISION_ROLLOUT, d);
            writeDecision(d.decision(), out);
        } else if (entry instanceof LogEntry.QuarantineEntry q) {
            header(out, QUARANTINE, q);
            writeRejected(q.rejected(), out);
        } else if (entry instanceof LogEntry.ItemEntry i) {
            header(out, ITEM, i);
            writeItem(i.item(), out);
        }
    }

    public static LogEntry decode(byte[] buf, int offset, int length) {
        ByteCursor in = new ByteCursor(buf, offset, length);
        byte kind = in.get();
        long seq = in.getLong();
        long received = in.getLong();
        LogEntry entry = switch (kind) {
            case EVENT -> new LogEntry.EventEntry(seq, received, readEvent(in));
            case DECISION -> new LogEntry.DecisionEntry(seq, received, readDecision(in, false));
            case DECISION_ROLLOUT -> new LogEntry.DecisionEntry(seq, received, readDecision(in, true));
            case QUARANTINE -> new LogEntry.QuarantineEntry(seq, received, readRejected(in));
            case ITEM -> new LogEntry.ItemEntry(seq, received, readItem(in));
            default -> throw new IllegalStateException("unknown entry kind " + kind + " at seq " + seq);
        };
        if (!in.atEnd()) throw new IllegalStateException("trailing bytes after entry " + seq);
        return entry;
    }

    private static void header(Bytes out, byte kind, LogEntry e) {
        out.put(kind);
        out.putLong(e.seq());
        out.putLong(e.receivedMillis());
    }

    private static void writeEvent(Event e, Bytes out) {
        out.putString(e.id());
        out.putString(e.type());
        out.putLong(e.timestamp().getEpochSecond());
        out.putInt(e.timestamp().getNano());
        out.putString(e.user());
        out.putString(e.session());
        out.putString(e.decision());
        out.putString(e.loop());
        out.putString(e.item());
        out.put((byte) (e.value() == null ? 0 : 1));
        if (e.value() != null) out.putDouble(e.value());
        out.putString(e.propsJson());
    }

    private static Event readEvent(ByteCursor in) {
        String id = in.getString();
        String type = in.getString();
        Instant ts = Instant.ofEpochSecond(in.getLong(), in.getInt());
        String user = in.getString();
        String session = in.getString();
        String decision = in.getString();
        String loop = in.getString();
        String item = in.getString();
        Double value = in.get() == 0 ? null : in.getDouble();
        return new Event(id, type, ts, user, session, decision, loop, item, value, in.getString());
    }

    private static void writeDecision(Decision d, Bytes out) {
        out.putString(d.id());
        out.putString(d.loop());
        out.putString(d.user());
        out.putLong(d.timestamp().getEpochSecond());
        out.putInt(d.timestamp().getNano());
        out.putString(d.model());
        out.putString(d.arm());
        writeServed(d.items(), out);
        out.putInt(d.candidates().size());
        for (String c : d.candidates()) out.putString(c);
        out.putString(d.contextJson());
        out.put((byte) (d.armProbability() == null ? 0 : 1));
        if (d.armProbability() != null) out.putDouble(d.armProbability());
        out.putInt(d.period());
        out.putInt(d.shadows().size());
        for (ShadowRanking r : d.shadows()) {
            out.putString(r.version());
            writeServed(r.items(), out);
        }
    }

    private static void writeServed(List<ServedItem> items, Bytes out) {
        out.putInt(items.size());
        for (ServedItem s : items) {
            out.putString(s.item());
            out.putInt(s.position());
            out.put((byte) (s.score() == null ? 0 : 1));
            if (s.score() != null) out.putDouble(s.score());
            out.putDouble(s.propensity());
        }
    }

    private static List<ServedItem> readServed(ByteCursor in) {
        int n = in.getInt();
        List<ServedItem> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String item = in.getString();
            int pos = in.getInt();
            Double score = in.get() == 0 ? null : in.getDouble();
            items.add(new ServedItem(item, pos, score, in.getDouble()));
        }
        return items;
    }

    private static Decision readDecision(ByteCursor in, boolean rollout) {
        String id = in.getString();
        String loop = in.getString();
        String user = in.getString();
        Instant ts = Instant.ofEpochSecond(in.getLong(), in.getInt());
        String model = in.getString();
        String arm = in.getString();
        List<ServedItem> items = readServed(in);
        int m = in.getInt();
        List<String> candidates = new ArrayList<>(m);
        for (int i = 0; i < m; i++) candidates.add(in.getString());
        String context = in.getString();
        if (!rollout) return new Decision(id, loop, user, ts, model, arm, items, candidates, context);
        Double armProbability = in.get() == 0 ? null : in.getDouble();
        int period = in.getInt();
        int s = in.getInt();
        List<ShadowRanking> shadows = new ArrayList<>(s);
        for (int i = 0; i < s; i++) shadows.add(new ShadowRanking(in.getString(), readServed(in)));
        return new Decision(id, loop, user, ts, model, arm, armProbability, period, items, candidates, context, shadows);
    }

    private static void writeItem(Item i, Bytes out) {
        out.putString(i.id());
        out.putString(i.title());
        out.putString(i.body());
        out.putInt(i.topics().size());
        for (String t : i.topics()) out.putString(t);
        out.putString(i.attributesJson());
        out.put((byte) (i.published() == null ? 0 : 1));
        if (i.published() != null) {
            out.putLong(i.published().getEpochSecond());
            out.putInt(i.published().getNano());
        }
    }

    private static Item readItem(ByteCursor in) {
        String id = in.getString();
        String title = in.getString();
        String body = in.getString();
        int n = in.getInt();
        List<String> topics = new ArrayList<>(n);
        for (int k = 0; k < n; k++) topics.add(in.getString());
        String attributes = in.getString();
        Instant published = in.get() == 0 ? null : Instant.ofEpochSecond(in.getLong(), in.getInt());
        return new Item(id, title, body, topics, attributes, published);
    }

    private static void writeRejected(Rejected r, Bytes out) {
        out.putString(r.source());
        out.putInt(r.index());
        out.putString(r.recordId());
        out.putInt(r.errors().size());
        for (FieldError e : r.errors()) {
            out.putString(e.field());
            out.putString(e.message());
        }
        out.putString(r.raw());
    }

    private static Rejected readRejected(ByteCursor in) {
        String source = in.getString();
        int index = in.getInt();
        String id = in.getString();
        int n = in.getInt();
        List<FieldError> errors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) errors.add(new FieldError(in.getString(), in.getString()));
        return new Rejected(source, index, id, errors, in.getString());
    }
}
