package dev.flywheel.ingest;

/**
 * The ids the ingest pipeline had stored up to and including log entry {@code seq}, as their 128-bit
 * hashes ({@link IdSet#hashes}), events and decisions apart.
 */
public record IdSnapshot(long seq, long[] events, long[] decisions) {
    public IdSnapshot {
        if (seq < -1) throw new IllegalArgumentException("seq must be at least -1, got " + seq);
        if (events == null || decisions == null) throw new IllegalArgumentException("events and decisions are required");
        if (events.length % 2 != 0 || decisions.length % 2 != 0) throw new IllegalArgumentException("hashes come in pairs");
    }
}
