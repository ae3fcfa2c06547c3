package dev.flywheel.rollout;

import dev.flywheel.log.Bytes;
import dev.flywheel.log.internal.ByteCursor;
import dev.flywheel.model.VersionRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binary form of an audit record, shared by every audit log adapter. Layout: a format byte, then
 * the fields in declaration order; strings are length-prefixed UTF-8 with -1 for null, maps are a
 * count then key-value pairs. Bumping the format byte is how the layout evolves: format 2 adds, after
 * a registered version's state, the log position an online retrained version learns after. A
 * record without one is still written as format 1, so logs without such versions keep their bytes
 * and every log written before format 2 still reads.
 */
public final class AuditCodec {
    private static final byte FORMAT = 1;
    private static final byte LEARNS_AFTER = 2;

    private AuditCodec() { }

    public static void encode(AuditRecord r, Bytes out) {
        boolean learnsAfter = r.registered() != null && r.registered().learnsAfter() != null;
        out.put(learnsAfter ? LEARNS_AFTER : FORMAT);
        out.putLong(r.seq());
        instant(r.at(), out);
        out.putString(r.loop());
        out.putString(r.action().label());
        out.putString(r.version());
        out.putString(r.actor());
        out.putString(r.reason());
        numbers(r.numbers(), out);
        out.put((byte) (r.registered() == null ? 0 : 1));
        if (r.registered() != null) version(r.registered(), out);
        if (learnsAfter) out.putLong(r.registered().learnsAfter());
        out.put((byte) (r.allocation() == null ? 0 : 1));
        if (r.allocation() != null) {
            out.putDouble(r.allocation().canary());
            out.putDouble(r.allocation().holdout());
            out.put((byte) (r.allocation().shadow() ? 1 : 0));
        }
    }

    public static AuditRecord decode(byte[] buf, int offset, int length) {
        ByteCursor in = new ByteCursor(buf, offset, length);
        byte format = in.get();
        if (format != FORMAT && format != LEARNS_AFTER) throw new IllegalStateException("unknown audit record format " + format);
        long seq = in.getLong();
        Instant at = instant(in);
        String loop = in.getString();
        AuditRecord.Action action = AuditRecord.Action.parse(in.getString());
        String version = in.getString();
        String actor = in.getString();
        String reason = in.getString();
        Map<String, Double> numbers = numbers(in);
        VersionRecord registered = in.get() == 0 ? null : version(in);
        if (format == LEARNS_AFTER) {
            if (registered == null) throw new IllegalStateException("audit record " + seq + " has a learning position but no version");
            registered = registered.learningAfter(in.getLong());
        }
        Allocation allocation = in.get() == 0 ? null : new Allocation(in.getDouble(), in.getDouble(), in.get() == 1);
        if (!in.atEnd()) throw new IllegalStateException("trailing bytes after audit record " + seq);
        return new AuditRecord(seq, at, loop, action, version, actor, reason, numbers, registered, allocation);
    }

    private static void version(VersionRecord v, Bytes out) {
        out.putString(v.loop());
        out.putString(v.version());
        out.putString(v.family());
        out.putInt(v.params().size());
        v.params().forEach((k, x) -> {
            out.putString(k);
            out.putString(x);
        });
        out.putString(v.dataset());
        out.putString(v.code());
        out.putString(v.parent());
        out.putString(v.trigger());
        out.putString(v.mode().name());
        instant(v.created(), out);
        numbers(v.metrics(), out);
        out.putString(v.state());
    }

    private static VersionRecord version(ByteCursor in) {
        String loop = in.getString();
        String version = in.getString();
        String family = in.getString();
        int n = in.getInt();
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) params.put(in.getString(), in.getString());
        String dataset = in.getString();
        String code = in.getString();
        String parent = in.getString();
        String trigger = in.getString();
        VersionRecord.Mode mode = VersionRecord.Mode.valueOf(in.getString());
        Instant created = instant(in);
        Map<String, Double> metrics = numbers(in);
        return new VersionRecord(loop, version, family, params, dataset, code, parent, trigger, mode, created, metrics,
                in.getString());
    }

    private static void numbers(Map<String, Double> m, Bytes out) {
        out.putInt(m.size());
        m.forEach((k, x) -> {
            out.putString(k);
            out.putDouble(x);
        });
    }

    private static Map<String, Double> numbers(ByteCursor in) {
        int n = in.getInt();
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) m.put(in.getString(), in.getDouble());
        return m;
    }

    private static void instant(Instant t, Bytes out) {
        out.putLong(t.getEpochSecond());
        out.putInt(t.getNano());
    }

    private static Instant instant(ByteCursor in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }
}
