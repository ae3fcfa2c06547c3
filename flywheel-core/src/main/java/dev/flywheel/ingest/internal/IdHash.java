package dev.flywheel.ingest.internal;

/**
 * SipHash-2-4 with a 128-bit output (Aumasson and Bernstein's reference, {@code siphash.c} with
 * {@code outlen} 16) over the UTF-16LE bytes of a string, under a 128-bit key. Dedupe keeps only
 * these 128 bits per id, so they must not collide for two ids a client chose: MurmurHash3, which it
 * used before, has collisions that hold whatever the seed (a one-bit difference in one block
 * cancelled by the next), and a client could have sent an id that made another's event a repeat.
 * Keyed, a collision needs the key, which never leaves the machine; by chance two of a billion ids
 * collide with a probability of about 1e-21.
 */
public final class IdHash {
    private IdHash() { }

    /** Returns the two halves in {@code out[0]} and {@code out[1]}; {@code k0}, {@code k1} the key's words (little-endian). */
    public static void hash(CharSequence s, long k0, long k1, long[] out) {
        // four words in an array that does not escape: the JIT keeps them in registers
        long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL ^ 0xee, k0 ^ 0x6c7967656e657261L,
                k1 ^ 0x7465646279746573L};
        int n = s.length();
        int whole = n & ~3;
        for (int i = 0; i < whole; i += 4) {
            long m = s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32 | (long) s.charAt(i + 3) << 48;
            v[3] ^= m;
            rounds(v, 2);
            v[0] ^= m;
        }
        long last = (long) (n * 2) << 56; // the byte length, mod 256, in the top byte
        for (int i = whole; i < n; i++) last |= (long) s.charAt(i) << (16 * (i - whole));
        v[3] ^= last;
        rounds(v, 2);
        v[0] ^= last;
        v[2] ^= 0xee;
        rounds(v, 4);
        out[0] = v[0] ^ v[1] ^ v[2] ^ v[3];
        v[1] ^= 0xdd;
        rounds(v, 4);
        out[1] = v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void rounds(long[] v, int times) {
        long v0 = v[0];
        long v1 = v[1];
        long v2 = v[2];
        long v3 = v[3];
        for (int r = 0; r < times; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v[0] = v0;
        v[1] = v1;
        v[2] = v2;
        v[3] = v3;
    }
}
