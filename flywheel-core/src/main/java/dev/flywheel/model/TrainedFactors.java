package dev.flywheel.model;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An implicit-feedback factorisation by id: each user's and each item's vector, as a trainer hands
 * them over — the engine's own ({@link CollaborativeInput#factorise}) or one outside it (Spark's
 * MLlib, module {@code flywheel-spark}), which numbers users and items its own way. A version trained
 * from a snapshot with these factors ({@link ModelSpec#train(List, TrainedFactors)}) takes them into
 * the numbering of its own models by id, so serving needs nothing from the trainer.
 *
 * @param snapshot    the training snapshot's id they were trained on
 * @param trainer     who trained them, as the version records it (e.g. {@code embedded},
 *                    {@code spark-mllib_2.13 4.2.0 local[2]})
 * @param factors     the vectors' dimension
 * @param userVectors users.size() x factors, row-major, in the order of {@code users}
 * @param itemVectors items.size() x factors, row-major, in the order of {@code items}
 * @param took        the training's wall time
 */
public record TrainedFactors(String snapshot, String trainer, int factors, List<String> users, double[] userVectors,
                             List<String> items, double[] itemVectors, Duration took) {
    private static final int FORMAT = 0x46414331; // "FAC1"

    public TrainedFactors {
        if (snapshot == null || !snapshot.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("snapshot must be a snapshot id (SHA-256 in hex)");
        if (trainer == null || trainer.isBlank()) throw new IllegalArgumentException("trainer is required");
        if (factors < 1 || factors > 512) throw new IllegalArgumentException("factors must be in 1..512, got " + factors);
        if (took == null || took.isNegative()) throw new IllegalArgumentException("took must be a duration >= 0");
        users = List.copyOf(users);
        items = List.copyOf(items);
        check("user", users, userVectors, factors);
        check("item", items, itemVectors, factors);
        userVectors = userVectors.clone();
        itemVectors = itemVectors.clone();
    }

    private static void check(String what, List<String> ids, double[] vectors, int factors) {
        if (vectors == null || vectors.length != (long) ids.size() * factors) {
            throw new IllegalArgumentException(what + "Vectors must hold " + ids.size() + " x " + factors + " values");
        }
        if (new java.util.HashSet<>(ids).size() != ids.size()) throw new IllegalArgumentException(what + "s name an id twice");
        for (int k = 0; k < vectors.length; k++) {
            if (!Double.isFinite(vectors[k])) {
                throw new IllegalArgumentException(what + " " + ids.get(k / factors) + " has a value that is not finite");
            }
        }
    }

    /** Position of each user id in {@link #users}. */
    public Map<String, Integer> userIndex() {
        return index(users);
    }

    /** Position of each item id in {@link #items}. */
    public Map<String, Integer> itemIndex() {
        return index(items);
    }

    private static Map<String, Integer> index(List<String> ids) {
        Map<String, Integer> out = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) out.put(ids.get(i), i);
        return out;
    }

    /** A copy of the vector of the user at position {@code u} of {@link #users}. */
    public double[] userVector(int u) {
        return java.util.Arrays.copyOfRange(userVectors, u * factors, (u + 1) * factors);
    }

    /** A copy of the vector of the item at position {@code i} of {@link #items}. */
    public double[] itemVector(int i) {
        return java.util.Arrays.copyOfRange(itemVectors, i * factors, (i + 1) * factors);
    }

    /** The file a trainer writes and the registry reads: the same factors always give the same bytes. */
    public byte[] toBytes() {
        StateWriter out = new StateWriter();
        out.putInt(FORMAT).putString(snapshot).putString(trainer).putInt(factors).putLong(took.toNanos());
        out.putStrings(users).putDoubles(userVectors).putStrings(items).putDoubles(itemVectors);
        return out.toByteArray();
    }

    /** What {@link #toBytes} wrote; {@link IllegalArgumentException} for anything else. */
    public static TrainedFactors fromBytes(byte[] bytes) {
        try {
            StateReader in = new StateReader(bytes);
            if (in.getInt() != FORMAT) throw new IllegalArgumentException("not a factors file (no FAC1 header)");
            String snapshot = in.getString();
            String trainer = in.getString();
            int factors = in.getInt();
            Duration took = Duration.ofNanos(in.getLong());
            List<String> users = in.getStrings();
            double[] userVectors = in.getDoubles();
            List<String> items = in.getStrings();
            double[] itemVectors = in.getDoubles();
            if (!in.atEnd()) throw new IllegalArgumentException("a factors file with bytes after its item vectors");
            return new TrainedFactors(snapshot, trainer, factors, users, userVectors, items, itemVectors, took);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) throw e;
            throw new IllegalArgumentException("a truncated or malformed factors file: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainedFactors t && t.snapshot.equals(snapshot) && t.trainer.equals(trainer) && t.factors == factors
                && t.users.equals(users) && java.util.Arrays.equals(t.userVectors, userVectors) && t.items.equals(items)
                && java.util.Arrays.equals(t.itemVectors, itemVectors) && t.took.equals(took);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(snapshot, trainer, factors, users, items);
    }

    @Override
    public String toString() {
        return "TrainedFactors[" + trainer + ", snapshot " + snapshot.substring(0, 12) + ", " + users.size() + " users, "
                + items.size() + " items, " + factors + " factors]";
    }
}
