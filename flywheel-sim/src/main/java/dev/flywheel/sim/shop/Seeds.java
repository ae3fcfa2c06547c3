package dev.flywheel.sim.shop;

/**
 * Seeds derived from (run seed, stream, index). A session's luck depends only on these, not on how
 * many uniforms earlier sessions used, so two runs with the same seed face the same visitors and
 * the same dice even when their engines serve different slates — common random numbers.
 */
final class Seeds {
    static final int VISITORS = 1;
    static final int REACTIONS = 2;
    static final int TRUTH_SAMPLE = 3;

    private Seeds() { }

    /** SplitMix64 finaliser over the coordinates: independent-looking seeds for neighbours. */
    static long mix(long seed, int stream, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + (index + 1) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
