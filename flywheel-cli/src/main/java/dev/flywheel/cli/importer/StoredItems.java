package dev.flywheel.cli.importer;

import dev.flywheel.catalog.Item;
import dev.flywheel.log.LogException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The current version of every stored catalog item. An item posted again is a new version (items
 * are state), so importing the same catalog twice would grow the log with identical versions; an
 * item equal to its current version is counted as a duplicate and not written instead.
 */
final class StoredItems {
    private final Map<String, Item> current;

    private StoredItems(Map<String, Item> current) {
        this.current = current;
    }

    static StoredItems load(Connection store) {
        String sql = "SELECT id, title, body, topics, attributes, epoch_us(published) FROM items "
                + "QUALIFY row_number() OVER (PARTITION BY id ORDER BY seq DESC) = 1";
        Map<String, Item> out = new HashMap<>();
        try (Statement s = store.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                long micros = r.getLong(6);
                Instant published = r.wasNull() ? null
                        : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                out.put(r.getString(1), new Item(r.getString(1), r.getString(2), r.getString(3), topics(r.getArray(4)),
                        r.getString(5), published));
            }
        } catch (SQLException e) {
            throw new LogException("cannot read the stored items: " + e.getMessage(), e);
        }
        return new StoredItems(out);
    }

    private static List<String> topics(Array a) throws SQLException {
        if (a == null) return List.of();
        return Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
    }

    /** True when {@code item} equals the current version; otherwise it becomes the current version. */
    boolean unchanged(Item item) {
        return item.equals(current.put(item.id(), item));
    }
}
