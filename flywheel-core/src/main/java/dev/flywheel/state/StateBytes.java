package dev.flywheel.state;

/**
 * Part of a state as a checkpoint holds it, in place in the checkpoint's bytes: an operator keeps
 * what it has not used yet this way and decodes it when first asked ({@link StateReader#getNested}),
 * and writes it back unchanged ({@link StateWriter#putBytes(StateBytes)}). The buffer is shared,
 * never written.
 */
public record StateBytes(byte[] buffer, int offset, int length) {
    public StateBytes {
        if (buffer == null || offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("not a range of the buffer: " + offset + "+" + length);
        }
    }

    public StateReader reader() {
        return new StateReader(buffer, offset, length);
    }
}
