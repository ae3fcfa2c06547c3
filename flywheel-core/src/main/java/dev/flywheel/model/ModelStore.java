package dev.flywheel.model;

/**
 * Where model versions' states are kept, content-addressed: a state is stored under the SHA-256 of
 * its bytes, so storing the same state twice keeps one copy and a version's record can name its
 * state before anyone trusts it. A state is complete once {@link #put} returns (written, synced and
 * renamed into place), so a crash leaves at most an unreferenced file, never a half one.
 */
public interface ModelStore {
    /** Stores {@code state} durably; returns its id (lower-case hex SHA-256). */
    String put(byte[] state);

    /** The state stored under {@code id}; throws {@link java.util.NoSuchElementException} when none is. */
    byte[] get(String id);

    /** Whether a state is stored under {@code id}. */
    boolean contains(String id);
}
