package dev.flywheel.store.file;

/** Receives the entries of a segment as the log stores them, without decoding them. */
@FunctionalInterface
public interface EntryBodies {
    /**
     * @param body the entry's exact binary form ({@link dev.flywheel.log.LogCodec}), valid only
     *             during the call: {@code body[offset, offset + length)}
     */
    void accept(long seq, long receivedMillis, byte[] body, int offset, int length);
}
