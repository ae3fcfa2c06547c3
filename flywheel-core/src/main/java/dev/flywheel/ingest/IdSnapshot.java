package dev.flywheel.ingest;

/**
 * The ids the ingest pipeline had stored up to and including log entry {@code seq}, as their 128-bit
 * keyed hashes ({@link IdSet#snapshot}), events and decisions apart.
 */
public record IdSnapshot(long seq, HashedIds events, HashedIds decisions) {
    public IdSnapshot {
        if (seq < -1) throw new IllegalArgumentException("seq must be at least -1, got " + seq);
        if (events == null || decisions == null) throw new IllegalArgumentException("events and decisions are required");
    }

    /** One set's hashes ({@link IdSet#hashes}) and the key they were made with: without it they cannot be matched. */
    public record HashedIds(long key0, long key1, long[] hashes) {
        public HashedIds {
            if (hashes == null) throw new IllegalArgumentException("hashes are required");
            if (hashes.length % 2 != 0) throw new IllegalArgumentException("hashes come in pairs");
        }

        /** Without the key: it is what keeps clients from choosing colliding ids, so it stays out of logs. */
        @Override
        public String toString() {
            return "HashedIds[" + hashes.length / 2 + " hashes]";
        }
    }
}
