package dev.flywheel.quality.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The cell values an accumulator holds (unexpected values, distinct keys, a mean's non-numeric value)
 * in a checkpoint, each with its Java type: a restored {@code 1L} must stay a long, as results list
 * values and distinct keys compare as they were held. Sets are written in {@link #ORDER}, so equal
 * sets write equal bytes whatever their hash order.
 */
final class StateValues {
    /** The types a row can hold (an event's row holds text, times and doubles); the index is the tag. */
    private static final List<Class<?>> TYPES = List.of(String.class, Double.class, Float.class, Long.class,
            Integer.class, Short.class, Byte.class, Boolean.class, BigDecimal.class, BigInteger.class,
            OffsetDateTime.class, ZonedDateTime.class, Instant.class, LocalDate.class, LocalDateTime.class);
    private static final int NULL = -1;

    /**
     * By type, then by the type's natural order, which is consistent with equals for each of them
     * (distinct keys are stripped decimals, so no two of them compare equal): a total order.
     */
    @SuppressWarnings("unchecked")
    static final Comparator<Object> ORDER = Comparator.comparingInt(StateValues::tag)
            .thenComparing((a, b) -> a == null ? 0 : ((Comparable<Object>) a).compareTo(b));

    private StateValues() {
    }

    private static int tag(Object v) {
        if (v == null) return NULL;
        int tag = TYPES.indexOf(v.getClass());
        // a checkpoint that cannot be written is retried and the log replayed: never a wrong state
        if (tag < 0) throw new IllegalStateException("a value of type " + v.getClass().getName() + " cannot be checkpointed");
        return tag;
    }

    static void write(Object v, StateWriter out) {
        int tag = tag(v);
        out.putInt(tag);
        switch (tag) {
            case NULL -> { }
            case 0 -> out.putString((String) v);
            case 1 -> out.putDouble((Double) v);
            case 2 -> out.putInt(Float.floatToRawIntBits((Float) v));
            case 3, 4, 5, 6 -> out.putLong(((Number) v).longValue());
            case 7 -> out.putBoolean((Boolean) v);
            case 8 -> out.putBytes(((BigDecimal) v).unscaledValue().toByteArray()).putInt(((BigDecimal) v).scale());
            case 9 -> out.putBytes(((BigInteger) v).toByteArray());
            case 10 -> out.putInstant(((OffsetDateTime) v).toInstant()).putInt(((OffsetDateTime) v).getOffset().getTotalSeconds());
            case 11 -> out.putInstant(((ZonedDateTime) v).toInstant()).putString(((ZonedDateTime) v).getZone().getId());
            case 12 -> out.putInstant((Instant) v);
            case 13 -> out.putLong(((LocalDate) v).toEpochDay());
            default -> out.putInstant(((LocalDateTime) v).toInstant(ZoneOffset.UTC));
        }
    }

    static Object read(StateReader in) {
        int tag = in.getInt();
        return switch (tag) {
            case NULL -> null;
            case 0 -> in.getString();
            case 1 -> in.getDouble();
            case 2 -> Float.intBitsToFloat(in.getInt());
            case 3 -> in.getLong();
            case 4 -> (int) in.getLong();
            case 5 -> (short) in.getLong();
            case 6 -> (byte) in.getLong();
            case 7 -> in.getBoolean();
            case 8 -> new BigDecimal(new BigInteger(in.getBytes()), in.getInt());
            case 9 -> new BigInteger(in.getBytes());
            case 10 -> OffsetDateTime.ofInstant(in.getInstant(), ZoneOffset.ofTotalSeconds(in.getInt()));
            case 11 -> ZonedDateTime.ofInstant(in.getInstant(), ZoneId.of(in.getString()));
            case 12 -> in.getInstant();
            case 13 -> LocalDate.ofEpochDay(in.getLong());
            case 14 -> LocalDateTime.ofInstant(in.getInstant(), ZoneOffset.UTC);
            default -> throw new IllegalStateException("unknown value tag " + tag);
        };
    }

    static void writeList(Collection<?> values, StateWriter out) {
        out.putInt(values.size());
        for (Object v : values) write(v, out);
    }

    static List<Object> readList(StateReader in) {
        int n = in.count();
        List<Object> out = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) out.add(read(in));
        return out;
    }

    /** A set's values in {@link #ORDER}. */
    static void writeSet(Collection<?> values, StateWriter out) {
        List<Object> sorted = new ArrayList<>(values);
        sorted.sort(ORDER);
        writeList(sorted, out);
    }
}
