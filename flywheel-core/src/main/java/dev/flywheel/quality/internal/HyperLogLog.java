package dev.flywheel.quality.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;

/**
 * HyperLogLog (Flajolet, Fusy, Gandouet, Meunier 2007) over 2^14 one-byte registers (16 KB), with the
 * paper's linear counting below 2.5 m registers. The hash has 64 bits, so the paper's large-range
 * correction (for 32-bit hashes nearing saturation) is not needed. Relative standard error
 * 1.04 / √m = 0.81 %.
 */
final class HyperLogLog {
    private static final int P = 14;
    private static final int M = 1 << P;
    /** The relative standard error of {@link #estimate()}. */
    static final double STANDARD_ERROR = 1.04 / Math.sqrt(M);
    private final byte[] registers = new byte[M];

    void add(Object key) {
        long h = hash(key);
        int register = (int) (h >>> (64 - P));
        // the rank is the position of the first 1 bit after the register's bits; the sentinel caps it
        int rank = Long.numberOfLeadingZeros((h << P) | (1L << (P - 1))) + 1;
        if (rank > registers[register]) registers[register] = (byte) rank;
    }

    long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += Math.scalb(1.0, -r);
            if (r == 0) zeros++;
        }
        double alpha = 0.7213 / (1 + 1.079 / M);
        double e = alpha * M * (double) M / sum;
        if (e <= 2.5 * M && zeros > 0) e = M * Math.log((double) M / zeros);
        return Math.round(e);
    }

    void writeState(StateWriter out) {
        out.putBytes(registers);
    }

    void readState(StateReader in) {
        byte[] b = in.getBytes();
        if (b.length != M) throw new IllegalStateException("a HyperLogLog of " + b.length + " registers, this code keeps " + M);
        System.arraycopy(b, 0, registers, 0, M);
    }

    /**
     * 64 bits for text (FNV-1a over the characters, then MurmurHash3's finalizer, so short ids like
     * {@code u17} spread over every register); other keys mix their 32-bit {@code hashCode}, so
     * distinct numbers or times whose hash codes collide count once.
     */
    static long hash(Object key) {
        long h;
        if (key instanceof String s) {
            h = 0xcbf29ce484222325L;
            for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001b3L;
        } else {
            h = key.hashCode() * 0x9e3779b97f4a7c15L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
