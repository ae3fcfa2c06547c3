package dev.flywheel.ingest;

import java.util.SplittableRandom;

/**
 * Two 16-char ids with one MurmurHash3 x64/128 whatever the seed, as a client could compute them.
 * Each 8-char block is two words, each mixed by a bijection into the state (h1, h2). A block whose
 * first mixed word differs in bit 36 leaves h1 and h2 differing in bit 63 alone, whatever the state
 * (rotated by 27 it is the top bit, where adding and xoring agree, and times 5 keeps it); the next
 * block's words, differing in bits 63 and 36 and in bit 63, cancel both. The mixing is inverted to
 * get the chars.
 */
final class MurmurCollision {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private MurmurCollision() { }

    /** Two distinct ids of chars that are neither control characters nor surrogates. */
    static String[] pair(SplittableRandom random) {
        while (true) {
            long a1 = random.nextLong();
            long b1 = random.nextLong();
            long a2 = random.nextLong();
            long b2 = random.nextLong();
            String one = chars(unmixK1(a1)) + chars(unmixK2(b1)) + chars(unmixK1(a2)) + chars(unmixK2(b2));
            String other = chars(unmixK1(a1 ^ 1L << 36)) + chars(unmixK2(b1))
                    + chars(unmixK1(a2 ^ 1L << 63 ^ 1L << 36)) + chars(unmixK2(b2 ^ 1L << 63));
            if (plain(one) && plain(other)) return new String[] {one, other};
        }
    }

    private static long unmixK1(long mixed) {
        return Long.rotateRight(mixed * inverse(C2), 31) * inverse(C1);
    }

    private static long unmixK2(long mixed) {
        return Long.rotateRight(mixed * inverse(C1), 33) * inverse(C2);
    }

    /** The inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct bits each step). */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) x *= 2 - odd * x;
        return x;
    }

    /** The word's four chars, low 16 bits first (the UTF-16LE bytes of the word, little-endian). */
    private static String chars(long word) {
        return new String(new char[] {(char) word, (char) (word >>> 16), (char) (word >>> 32), (char) (word >>> 48)});
    }

    private static boolean plain(String s) {
        return s.chars().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c));
    }
}
