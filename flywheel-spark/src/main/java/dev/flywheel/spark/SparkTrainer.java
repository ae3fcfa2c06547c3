package dev.flywheel.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code SparkTrainer --snapshots DIR --snapshot ID --config flywheel.yaml --out FILE}: trains the
 * factorisation of the snapshot's loop on Spark from {@code DIR/ID.parquet} (its manifest
 * {@code DIR/ID.json} names the loop) and writes the factors file ({@link dev.flywheel.model.TrainedFactors})
 * that the registry trains a version with. Options: {@code --loop} (default: the manifest's),
 * {@code --master} (default {@code local[*]}; or a cluster's URL, or leave it to {@code spark-submit}),
 * {@code --partitions} (default 8), {@code --local-dir} (Spark's scratch space). Exit 0 when the file
 * is written, 2 for bad arguments or input, naming them.
 */
public final class SparkTrainer {
    private SparkTrainer() { }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Map<String, String> o = options(args);
            Path parquet = Path.of(o.get("--snapshots")).resolve(o.get("--snapshot") + ".parquet");
            if (!Files.isRegularFile(parquet)) throw new IllegalArgumentException("--snapshot: no file " + parquet);
            LoopSettings loop = LoopSettings.read(Path.of(o.get("--config")), loop(o));
            SparkSession spark = session(o, loop.loop());
            try {
                SparkFactorisation.Result r = SparkFactorisation.train(spark, parquet, o.get("--snapshot"), loop,
                        Integer.parseInt(o.getOrDefault("--partitions", "8")));
                write(Path.of(o.get("--out")), r.factors().toBytes());
                out.printf(Locale.ROOT, "trained %s on %d users x %d items (%d cells) in %.1f s: %s%n",
                        r.factors().trainer(), r.users(), r.items(), r.cells(), r.factors().took().toNanos() / 1e9,
                        o.get("--out"));
            } finally {
                spark.stop();
            }
            return 0;
        } catch (IllegalArgumentException e) { // a ConfigException too: it names the key
            err.println("SparkTrainer: " + e.getMessage());
            return 2;
        }
    }

    /** A session on --master, or on the master spark-submit set, or in this JVM on every core. */
    private static SparkSession session(Map<String, String> o, String loop) {
        SparkSession.Builder b = SparkSession.builder().appName("flywheel-train-" + loop)
                .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false");
        if (o.containsKey("--master")) b.master(o.get("--master"));
        else if (!System.getProperties().containsKey("spark.master")) b.master("local[*]");
        if (o.containsKey("--local-dir")) b.config("spark.local.dir", o.get("--local-dir"));
        return b.getOrCreate();
    }

    private static Map<String, String> options(String[] args) {
        List<String> known = List.of("--snapshots", "--snapshot", "--config", "--out", "--loop", "--master", "--partitions", "--local-dir");
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i])) throw new IllegalArgumentException("unknown option " + args[i] + "; options: " + known);
            if (i + 1 == args.length) throw new IllegalArgumentException(args[i] + " needs a value");
            o.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--snapshots", "--snapshot", "--config", "--out")) {
            if (!o.containsKey(required)) throw new IllegalArgumentException(required + " is required");
        }
        if (!o.get("--snapshot").matches("[0-9a-f]{64}")) throw new IllegalArgumentException("--snapshot must be a snapshot id (64 hex digits)");
        if (o.containsKey("--partitions") && !o.get("--partitions").matches("[1-9][0-9]{0,4}")) {
            throw new IllegalArgumentException("--partitions must be a whole number from 1 to 99999");
        }
        return o;
    }

    /** --loop, or the loop the snapshot's manifest names. */
    private static String loop(Map<String, String> o) {
        if (o.containsKey("--loop")) return o.get("--loop");
        Path manifest = Path.of(o.get("--snapshots")).resolve(o.get("--snapshot") + ".json");
        try {
            JsonNode m = new ObjectMapper().readTree(manifest.toFile());
            if (!m.path("loop").isTextual()) throw new IllegalArgumentException("--snapshot: manifest " + manifest + " names no loop");
            return m.get("loop").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("--snapshot: cannot read manifest " + manifest + ": " + e.getMessage());
        }
    }

    /** Written whole under a temporary name, then moved: a reader never sees half a file. */
    private static void write(Path file, byte[] bytes) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out: cannot write " + file + ": " + e.getMessage());
        }
    }
}
