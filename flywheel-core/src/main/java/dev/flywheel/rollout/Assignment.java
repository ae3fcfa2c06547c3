package dev.flywheel.rollout;

import java.nio.charset.StandardCharsets;

/**
 * Sticky assignment of users to arms: a user's bucket is a hash of the loop's salt and the user id,
 * uniform in [0, 1), the same in every process and after every restart; arms own consecutive ranges
 * of buckets in proportion to their shares.
 */
public final class Assignment {
    private Assignment() { }

    /** The user's bucket in [0, 1) under {@code salt}. */
    public static double bucket(String salt, String user) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (salt + '\u0000' + user).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        // FNV-1a spreads short ids poorly in the high bits; the SplitMix64 finaliser mixes them
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
