package dev.flywheel.log;

/** Storage failed underneath the log or a store; the operation did not take effect. */
public final class LogException extends RuntimeException {
    public LogException(String message, Throwable cause) {
        super(message, cause);
    }

    public LogException(String message) {
        super(message);
    }
}
