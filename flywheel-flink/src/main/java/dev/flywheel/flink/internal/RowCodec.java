package dev.flywheel.flink.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;

/**
 * How one kind of record the job passes between operators, keeps in state or commits is written:
 * with the checkpoints' own writer, so a record crosses Flink in the bytes Flywheel keeps it in.
 */
interface RowCodec<T> {
    void write(T row, StateWriter out);

    T read(StateReader in);
}
