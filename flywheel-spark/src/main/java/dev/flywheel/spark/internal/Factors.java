package dev.flywheel.spark.internal;

import static org.apache.spark.sql.functions.col;

import dev.flywheel.model.TrainedFactors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** MLlib's factors (int id, float vector) brought to the driver by string id, in number order. */
public final class Factors {
    private Factors() { }

    public static TrainedFactors collect(ALSModel model, Numbering users, Numbering items, String snapshot, int factors,
                                         String trainer, Duration took) {
        List<String> userIds = new ArrayList<>();
        List<String> itemIds = new ArrayList<>();
        double[] uv = vectors(model.userFactors(), users, userIds, factors);
        double[] iv = vectors(model.itemFactors(), items, itemIds, factors);
        return new TrainedFactors(snapshot, trainer, factors, userIds, uv, itemIds, iv, took);
    }

    private static double[] vectors(Dataset<Row> factors, Numbering numbering, List<String> ids, int k) {
        List<Row> rows = factors.join(numbering.table(), col("id").equalTo(col(numbering.number())))
                .orderBy(col("id")).select(numbering.column(), "features").collectAsList();
        double[] out = new double[rows.size() * k];
        for (int n = 0; n < rows.size(); n++) {
            ids.add(rows.get(n).getString(0));
            List<Float> v = rows.get(n).getList(1);
            if (v.size() != k) throw new IllegalStateException("MLlib returned " + v.size() + " factors, not " + k);
            for (int d = 0; d < k; d++) out[n * k + d] = v.get(d);
        }
        return out;
    }
}
