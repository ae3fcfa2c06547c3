package dev.flywheel.spark.internal;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The int ids MLlib's ALS needs for a column of string ids: the distinct ids in sorted order,
 * numbered 0, 1, … ({@code zipWithIndex}, no single partition). The table is cached: it is joined
 * twice, before and after training.
 *
 * @param table (column, number column)
 * @param size  how many ids there are
 */
public record Numbering(Dataset<Row> table, String column, String number, long size) {
    /** Numbers the distinct values of {@code column} ("user" → "uid", "item" → "iid"). */
    public static Numbering of(Dataset<Row> cells, String column) {
        String number = column.charAt(0) + "id";
        JavaRDD<Row> indexed = cells.select(column).distinct().sort(column).javaRDD().zipWithIndex()
                .map(t -> RowFactory.create(t._1().getString(0), Math.toIntExact(t._2())));
        StructType schema = new StructType().add(column, DataTypes.StringType, false).add(number, DataTypes.IntegerType, false);
        Dataset<Row> table = cells.sparkSession().createDataFrame(indexed, schema).cache();
        return new Numbering(table, column, number, table.count());
    }
}
