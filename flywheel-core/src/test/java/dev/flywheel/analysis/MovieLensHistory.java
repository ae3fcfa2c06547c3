package dev.flywheel.analysis;

import dev.flywheel.catalog.Item;
import dev.flywheel.event.Event;
import dev.flywheel.log.LogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * MovieLens latest-small as the log a product's import leaves: the movies as catalog items (title,
 * genres as topics), then, in time order, an impression for every rating, a like for 4 stars and up
 * and a dislike for 2 and below (the events of one rating in that order).
 */
public final class MovieLensHistory {
    private MovieLensHistory() { }

    public static List<LogEntry> entries() throws IOException {
        List<LogEntry> out = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.file("movielens-latest-small/movies.csv"))) {
            String[] f = csv(line);
            out.add(new LogEntry.ItemEntry(out.size(), 0, new Item(f[0], f[1], null, Arrays.asList(f[2].split("\\|")), null, null)));
        }
        List<String[]> ratings = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.file("movielens-latest-small/ratings.csv"))) ratings.add(line.split(","));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ratings.size(); i++) order.add(i);
        order.sort(Comparator.comparingLong((Integer i) -> Long.parseLong(ratings.get(i)[3])).thenComparingInt(i -> i));
        for (int row : order) {
            String[] r = ratings.get(row);
            Instant at = Instant.ofEpochSecond(Long.parseLong(r[3]));
            double stars = Double.parseDouble(r[2]);
            out.add(event(out.size(), "r" + row + "-i", "impression", at, r));
            if (stars >= 4) out.add(event(out.size(), "r" + row + "-l", "like", at, r));
            if (stars <= 2) out.add(event(out.size(), "r" + row + "-d", "dislike", at, r));
        }
        return out;
    }

    private static LogEntry event(int seq, String id, String type, Instant at, String[] r) {
        return new LogEntry.EventEntry(seq, 0, new Event(id, type, at, "u" + r[0], null, null, null, r[1], null, null));
    }

    /** movieId,title,genres with the title quoted when it holds a comma. */
    private static String[] csv(String line) {
        int first = line.indexOf(',');
        int last = line.lastIndexOf(',');
        String title = line.substring(first + 1, last);
        if (title.startsWith("\"") && title.endsWith("\"")) title = title.substring(1, title.length() - 1).replace("\"\"", "\"");
        return new String[] {line.substring(0, first), title, line.substring(last + 1)};
    }
}
