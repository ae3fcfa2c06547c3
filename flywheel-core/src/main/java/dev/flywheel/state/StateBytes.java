package dev.flywheel.state;

import java.nio.ByteBuffer;

/**
 * Part of a state as a checkpoint holds it, in place: in a state's array, or in the checkpoint file
 * mapped into memory. An operator keeps what it has not used yet this way and decodes it when first
 * asked ({@link StateReader#getNested}), and writes it back unchanged
 * ({@link StateWriter#putBytes(StateBytes)}). Never written to.
 */
public final class StateBytes {
    /** Read-only, from position 0 to its limit. */
    private final ByteBuffer bytes;

    private StateBytes(ByteBuffer bytes) {
        this.bytes = bytes.slice().asReadOnlyBuffer();
    }

    /** {@code length} bytes of {@code buf} from {@code offset}, not copied. */
    public static StateBytes of(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("not a range of the buffer: " + offset + "+" + length);
        }
        return new StateBytes(ByteBuffer.wrap(buf, offset, length));
    }

    /** The bytes between {@code b}'s position and limit, not copied (a mapped file's, for one). */
    public static StateBytes of(ByteBuffer b) {
        return new StateBytes(b);
    }

    public int length() {
        return bytes.limit();
    }

    public StateReader reader() {
        return new StateReader(bytes.duplicate());
    }

    /** The bytes, as a new buffer positioned at the first (the caller may move it). */
    public ByteBuffer buffer() {
        return bytes.duplicate();
    }

    /** A copy of the bytes. */
    public byte[] toArray() {
        byte[] out = new byte[length()];
        bytes.duplicate().get(out);
        return out;
    }
}
