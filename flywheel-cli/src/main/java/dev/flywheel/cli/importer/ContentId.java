package dev.flywheel.cli.importer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Ids derived from a record's content, for histories without an idempotency key: importing the same
 * file again, here or on another machine, yields the same ids, so the ingest dedupe stores every event
 * once. The id is {@code h-} and the 32 hex digits of MurmurHash3 x64/128 (seed 0, the reference
 * algorithm, so any implementation can recompute it) over the fields, each followed by a unit
 * separator (0x1F): text as UTF-8, numbers as their 8 bytes big-endian (a double by its IEEE 754
 * bits), a missing field as a lone NUL. Two rows with identical content are one
 * event by this definition; a history whose rows may repeat needs an id column.
 *
 * <p>Not thread-safe: it reuses one buffer.
 */
final class ContentId {
    static final String PREFIX = "h-";
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    private byte[] buf = new byte[256];
    private int len;

    ContentId start() {
        len = 0;
        return this;
    }

    ContentId add(String field) {
        if (field == null) {
            put((byte) 0);
        } else {
            ensure(field.length() + 1);
            int start = len;
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c >= 0x80) {
                    len = start;
                    return addEncoded(field);
                }
                buf[len++] = (byte) c;
            }
        }
        buf[len++] = 0x1F;
        return this;
    }

    private ContentId addEncoded(String field) {
        byte[] b = field.getBytes(StandardCharsets.UTF_8);
        ensure(b.length + 1);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        buf[len++] = 0x1F;
        return this;
    }

    /** A number as its 8 bytes, big-endian (decimal text cost more than the whole hash). */
    ContentId add(long v) {
        ensure(9);
        for (int shift = 56; shift >= 0; shift -= 8) buf[len++] = (byte) (v >>> shift);
        buf[len++] = 0x1F;
        return this;
    }

    /** A double as the 8 bytes of its IEEE 754 bits, or a lone NUL when missing. */
    ContentId add(Double v) {
        return v == null ? add((String) null) : add(Double.doubleToLongBits(v));
    }

    /** The id of everything added since {@link #start()}. */
    String id() {
        long[] h = murmur3(buf, len);
        byte[] out = new byte[PREFIX.length() + 32];
        out[0] = 'h';
        out[1] = '-';
        hex(h[0], out, PREFIX.length());
        hex(h[1], out, PREFIX.length() + 16);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private void put(byte b) {
        ensure(2);
        buf[len++] = b;
    }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }

    /** The 16 bytes of the hash as the reference prints them: h1 then h2, each little-endian. */
    private static void hex(long h, byte[] out, int at) {
        for (int i = 0; i < 8; i++) {
            int b = (int) (h >>> (8 * i)) & 0xFF;
            out[at + 2 * i] = HEX[b >>> 4];
            out[at + 2 * i + 1] = HEX[b & 0xF];
        }
    }

    static long[] murmur3(byte[] data, int n) {
        long h1 = 0;
        long h2 = 0;
        int blocks = n / 16;
        for (int b = 0; b < blocks; b++) {
            long k1 = le64(data, b * 16);
            long k2 = le64(data, b * 16 + 8);
            h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
            h1 = (Long.rotateLeft(h1, 27) + h2) * 5 + 0x52dce729;
            h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
            h2 = (Long.rotateLeft(h2, 31) + h1) * 5 + 0x38495ab5;
        }
        long k1 = 0;
        long k2 = 0;
        int tail = blocks * 16;
        for (int i = n - 1; i >= tail; i--) {
            int j = i - tail;
            long v = data[i] & 0xFFL;
            if (j >= 8) k2 |= v << (8 * (j - 8));
            else k1 |= v << (8 * j);
        }
        h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
        h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
        h1 ^= n;
        h2 ^= n;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static long le64(byte[] d, int i) {
        return (d[i] & 0xFFL) | (d[i + 1] & 0xFFL) << 8 | (d[i + 2] & 0xFFL) << 16 | (d[i + 3] & 0xFFL) << 24
                | (d[i + 4] & 0xFFL) << 32 | (d[i + 5] & 0xFFL) << 40 | (d[i + 6] & 0xFFL) << 48 | (d[i + 7] & 0xFFL) << 56;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
