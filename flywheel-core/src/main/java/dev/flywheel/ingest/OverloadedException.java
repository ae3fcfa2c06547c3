package dev.flywheel.ingest;

/** The writer is too far behind to take more work now; the client should retry later. Nothing was stored. */
public final class OverloadedException extends RuntimeException {
    public OverloadedException(String message) {
        super(message);
    }
}
