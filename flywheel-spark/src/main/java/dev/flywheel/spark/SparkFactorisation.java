package dev.flywheel.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;

import dev.flywheel.model.CollaborativeSpec;
import dev.flywheel.model.TrainedFactors;
import dev.flywheel.spark.internal.Cells;
import dev.flywheel.spark.internal.Factors;
import dev.flywheel.spark.internal.Numbering;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The loop's implicit-ALS factorisation trained on Spark from a training snapshot's Parquet file:
 * the snapshot's rows are split by user, each part's user x item matrix is computed by the engine's
 * own code ({@link dev.flywheel.model.CollaborativeInput}, the same selection and weighting as the
 * embedded training), and MLlib's {@link ALS} learns from it with {@code implicitPrefs} and the
 * loop's rank, iterations, α and regularisation. Users and items keep their ids; the engine takes the
 * factors into its own numbering when it registers the version.
 */
public final class SparkFactorisation {
    private SparkFactorisation() { }

    /** What a training produced: the factors, and the matrix's size as Spark counted it. */
    public record Result(TrainedFactors factors, long users, long items, long cells, double regParam) { }

    /**
     * Trains on the snapshot {@code snapshot} whose file is {@code parquet}.
     *
     * @param partitions how many parts the rows are split into by user (and MLlib's user and item blocks)
     */
    public static Result train(SparkSession spark, Path parquet, String snapshot, LoopSettings loop, int partitions) {
        long t0 = System.nanoTime();
        CollaborativeSpec spec = loop.spec();
        Dataset<Row> cells = cells(spark, parquet, loop, partitions).cache();
        Numbering users = Numbering.of(cells, "user");
        Numbering items = Numbering.of(cells, "item");
        Dataset<Row> ratings = cells.join(users.table(), "user").join(items.table(), "item").select("uid", "iid", "weight");
        long n = cells.count();
        double regParam = regParam(spec.regularization(), heaviestUser(cells));
        ALSModel model = als(spec, regParam, partitions).fit(ratings);
        String trainer = String.format(java.util.Locale.ROOT, "spark-mllib_2.13 %s %s, regParam %.6g", spark.version(),
                spark.sparkContext().master(), regParam);
        TrainedFactors f = Factors.collect(model, users, items, snapshot, spec.factors(), trainer, Duration.ofNanos(System.nanoTime() - t0));
        cells.unpersist();
        return new Result(f, users.size(), items.size(), n, regParam);
    }

    /**
     * The snapshot's user x item matrix as (user, item, weight) rows, weights before α, computed in
     * {@code partitions} parts split by user: cell for cell the matrix the engine computes from the
     * same snapshot.
     */
    public static Dataset<Row> cells(SparkSession spark, Path parquet, LoopSettings loop, int partitions) {
        Dataset<Row> rows = spark.read().parquet(parquet.toAbsolutePath().toString())
                .withColumn("micros", expr("unix_micros(cast(decided_at as timestamp))"))
                .select(col("seq"), col("position"), col("user_id"), col("item"), col("micros"), col("reactions"));
        return Cells.of(rows, loop, newest(rows, loop), partitions);
    }

    /**
     * The time of the snapshot's newest interaction, in epoch millis: what every part's weights are
     * decayed to, so that the parts agree with the whole.
     */
    private static long newest(Dataset<Row> rows, LoopSettings loop) {
        Row r = rows.filter((org.apache.spark.api.java.function.FilterFunction<Row>) row ->
                        dev.flywheel.model.CollaborativeInput.interacts(loop.spec(), row.getList(row.fieldIndex("reactions"))))
                .agg(max("micros")).first();
        if (r.isNullAt(0)) throw new IllegalArgumentException("the snapshot holds no reaction the collaborative models learn from");
        return Math.floorDiv(r.getLong(0), 1000L);
    }

    /**
     * MLlib's λ for the engine's. MLlib weighs each row's λ by the row's number of ratings (ALS-WR,
     * Zhou et al. 2008, with implicit preferences too); the engine holds every row with λ itself (as
     * Hu, Koren &amp; Volinsky and the {@code implicit} library do). No single MLlib λ matches every row;
     * this one holds the heaviest user exactly as the engine holds every user, and every lighter user
     * and every item less. Of the rules compared on a validation split of MovieLens (docs/learning.md,
     * "Training on Spark") it ranked best; holding the mean user or the mean row as the engine does
     * held heavy users many times harder and ranked worse. A user's cells are at most
     * {@code 2 · recent}, so the rule cannot fall towards no regularisation as data grows.
     */
    static double regParam(double lambda, long heaviestUser) {
        return heaviestUser == 0 ? lambda : lambda / heaviestUser;
    }

    /** The most cells any one user has. */
    private static long heaviestUser(Dataset<Row> cells) {
        Row r = cells.groupBy("user").count().agg(max("count")).first();
        return r.isNullAt(0) ? 0 : r.getLong(0);
    }

    private static ALS als(CollaborativeSpec spec, double regParam, int partitions) {
        return new ALS().setImplicitPrefs(true).setRank(spec.factors()).setMaxIter(spec.iterations()).setRegParam(regParam)
                .setAlpha(spec.alpha()).setSeed(spec.seed()).setNonnegative(false).setNumUserBlocks(partitions)
                .setNumItemBlocks(partitions).setUserCol("uid").setItemCol("iid").setRatingCol("weight");
    }
}
