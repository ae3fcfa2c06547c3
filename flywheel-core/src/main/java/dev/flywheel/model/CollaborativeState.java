package dev.flywheel.model;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collaborative learner's models in a checkpoint, with its cache of users' factors folded in from
 * them, and last the latest training's wall time. The cache decides what is served (a vector is
 * reused while a history grows by less than a tenth), so a restored learner must hold it to serve
 * what one that never stopped serves. Only the vectors of the models written are kept: one of older
 * models is never reused, and leaving it out makes equal states write equal bytes. The wall time is
 * the one part that two runs of the same log write differently, so it comes last, in
 * {@value #WALL_TIME_BYTES} bytes, where a comparison of two runs can leave it out.
 */
final class CollaborativeState {
    static final int WALL_TIME_BYTES = 12;

    private CollaborativeState() { }

    static void write(CollaborativeModels models, Map<Integer, CollaborativeLearner.Folded> folded, StateWriter out) {
        out.putBoolean(models != null);
        if (models != null) {
            models.writeState(out);
            writeFolded(folded, models, out);
        }
        Duration took = models == null ? Duration.ZERO : models.took();
        out.putLong(took.getSeconds()).putInt(took.getNano());
    }

    /** The models written (null if none), their folded vectors put in {@code folded}. */
    static CollaborativeModels read(StateReader in, Map<Integer, CollaborativeLearner.Folded> folded) {
        CollaborativeModels read = in.getBoolean() ? CollaborativeModels.readState(in, Duration.ZERO) : null;
        Map<Integer, CollaborativeLearner.Folded> vectors = read == null ? Map.of() : readFolded(in, read.factors().factors());
        Duration took = Duration.ofSeconds(in.getLong(), in.getInt());
        if (read == null) return null;
        CollaborativeModels m = new CollaborativeModels(read.similarity(), read.factors(), read.trainedSeq(),
                read.trainedUntil(), read.interactions(), took);
        // the vectors must point at the instance the learner serves: a cached one is reused only for it
        vectors.forEach((user, f) -> folded.put(user, new CollaborativeLearner.Folded(m, f.history(), f.vector())));
        return m;
    }

    /** By user number, in order: the history length each vector was folded in from, and the vector. */
    private static void writeFolded(Map<Integer, CollaborativeLearner.Folded> folded, CollaborativeModels models, StateWriter out) {
        Map<Integer, CollaborativeLearner.Folded> current = new TreeMap<>();
        // a copy first: in an engine, readers add vectors while this runs
        new TreeMap<>(folded).forEach((user, f) -> {
            if (f.models() == models) current.put(user, f);
        });
        out.putInt(current.size());
        current.forEach((user, f) -> out.putInt(user).putInt(f.history()).putDoubles(f.vector()));
    }

    /** What {@link #writeFolded} wrote, by user number, not yet pointing at any models. */
    private static Map<Integer, CollaborativeLearner.Folded> readFolded(StateReader in, int factors) {
        Map<Integer, CollaborativeLearner.Folded> out = new TreeMap<>();
        for (int n = in.count(); n > 0; n--) {
            int user = in.getInt();
            int history = in.getInt();
            double[] vector = in.getDoubles();
            if (vector.length != factors) throw new IllegalStateException("a folded vector of " + vector.length + " factors, not " + factors);
            out.put(user, new CollaborativeLearner.Folded(null, history, vector));
        }
        return out;
    }
}
