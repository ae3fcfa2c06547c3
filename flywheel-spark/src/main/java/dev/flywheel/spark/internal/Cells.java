package dev.flywheel.spark.internal;

import static org.apache.spark.sql.functions.col;

import dev.flywheel.model.CollaborativeInput;
import dev.flywheel.spark.LoopSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The user x item matrix of a snapshot, computed where its rows are: the rows are split by user, each
 * part is put in snapshot order (log position, then slot) and handed to a
 * {@link CollaborativeInput} of its own, whose cells are the whole's for those users (every part is
 * decayed to the same time).
 */
public final class Cells {
    public static final StructType SCHEMA = new StructType()
            .add("user", DataTypes.StringType, false)
            .add("item", DataTypes.StringType, false)
            .add("weight", DataTypes.DoubleType, false);

    private Cells() { }

    /**
     * @param rows  (seq, position, user_id, item, micros, reactions)
     * @param until the snapshot's newest interaction, epoch millis
     */
    public static Dataset<Row> of(Dataset<Row> rows, LoopSettings loop, long until, int partitions) {
        return rows.repartition(partitions, col("user_id")).sortWithinPartitions("seq", "position")
                .mapPartitions((MapPartitionsFunction<Row, Row>) part -> part(part, loop, until), Encoders.row(SCHEMA));
    }

    private static Iterator<Row> part(Iterator<Row> rows, LoopSettings loop, long until) {
        CollaborativeInput in = new CollaborativeInput(loop.spec());
        while (rows.hasNext()) {
            Row r = rows.next();
            in.add(r.getString(2), r.getString(3), r.getList(5), Math.floorDiv(r.getLong(4), 1000L));
        }
        List<Row> out = new ArrayList<>();
        in.strongest(until, (user, item, weight) -> out.add(RowFactory.create(user, item, weight)));
        return out.iterator();
    }
}
