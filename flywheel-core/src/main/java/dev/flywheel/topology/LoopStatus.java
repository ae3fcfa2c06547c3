package dev.flywheel.topology;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * How far a loop's learners are: outcomes the online ranker trained on, interactions its collaborative
 * models received, and where the latest batch training ended (null before the first).
 *
 * @param trainedSeq   log position the collaborative models are current to (the last interaction they
 *                     trained on, or every entry so far when no interaction came since)
 * @param trainedUntil event time of that interaction
 * @param trainingTook how long the latest training took
 * @param training     whether a training is running now
 */
public record LoopStatus(String loop, long outcomesTrained, long interactions, Long trainedSeq, Instant trainedUntil,
                         Duration trainingTook, boolean training) {
    private static final int VERSION = 1;

    /** The status as the stream operators publish it for servers. */
    public byte[] toBytes() {
        StateWriter out = new StateWriter().putInt(VERSION).putString(loop).putLong(outcomesTrained).putLong(interactions)
                .putBoolean(trainedSeq != null);
        if (trainedSeq != null) out.putLong(trainedSeq);
        out.putInstant(trainedUntil).putBoolean(trainingTook != null);
        if (trainingTook != null) out.putLong(trainingTook.getSeconds()).putInt(trainingTook.getNano());
        return out.putBoolean(training).toByteArray();
    }

    public static LoopStatus fromBytes(byte[] bytes) {
        StateReader in = new StateReader(bytes);
        in.expectVersion("loop status", VERSION);
        String loop = in.getString();
        long outcomes = in.getLong();
        long interactions = in.getLong();
        Long seq = in.getBoolean() ? in.getLong() : null;
        Instant until = in.getInstant();
        Duration took = in.getBoolean() ? Duration.ofSeconds(in.getLong(), in.getInt()) : null;
        LoopStatus s = new LoopStatus(loop, outcomes, interactions, seq, until, took, in.getBoolean());
        if (!in.atEnd()) throw new IllegalStateException("a loop status has bytes left over");
        return s;
    }
}
