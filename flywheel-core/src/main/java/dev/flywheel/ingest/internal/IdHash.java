package dev.flywheel.ingest.internal;

/**
 * MurmurHash3 x64/128 over the UTF-16 code units of a string. Dedupe keeps only these 128 bits per
 * id: the chance that two of a billion distinct ids collide is about 1e-21, far below the chance of
 * a disk error, and it keeps the set at 16 bytes per id instead of a full string.
 */
public final class IdHash {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private IdHash() { }

    /** Returns the two halves in {@code out[0]} and {@code out[1]}. */
    public static void hash(CharSequence s, long[] out) {
        long h1 = 0x9747b28cL;
        long h2 = 0x9747b28cL;
        int n = s.length();
        int blocks = n / 8;
        for (int b = 0; b < blocks; b++) {
            int i = b * 8;
            long k1 = chars(s, i);
            long k2 = chars(s, i + 4);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        long k1 = 0;
        long k2 = 0;
        int tail = blocks * 8;
        for (int i = n - 1; i >= tail; i--) {
            int j = i - tail;
            if (j >= 4) k2 |= ((long) s.charAt(i)) << (16 * (j - 4));
            else k1 |= ((long) s.charAt(i)) << (16 * j);
        }
        h1 ^= mixK1(k1);
        h2 ^= mixK2(k2);
        h1 ^= n * 2L;
        h2 ^= n * 2L;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        out[0] = h1;
        out[1] = h2;
    }

    private static long chars(CharSequence s, int i) {
        return (long) s.charAt(i) | ((long) s.charAt(i + 1) << 16)
                | ((long) s.charAt(i + 2) << 32) | ((long) s.charAt(i + 3) << 48);
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
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
