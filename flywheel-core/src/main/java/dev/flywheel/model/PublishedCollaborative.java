package dev.flywheel.model;

import dev.flywheel.model.internal.Interactions;
import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loop's collaborative models as the learner publishes them for servers: the models in the
 * checkpoint's codec (they read back bit for bit) and the ids of the items they number, so a server
 * maps a candidate to the models' numbering as the learner does.
 */
public final class PublishedCollaborative {
    private static final int FORMAT = 0x43504231; // "CPB1"
    private final CollaborativeModels models;
    private final List<String> items;
    private final Map<String, Integer> index;

    private PublishedCollaborative(CollaborativeModels models, List<String> items) {
        this.models = models;
        this.items = items;
        this.index = new HashMap<>(items.size() * 2);
        for (int i = 0; i < items.size(); i++) index.put(items.get(i), i);
    }

    /** The bytes of {@code models}, trained on {@code interactions} (which number their items). */
    static byte[] write(CollaborativeModels models, Interactions interactions) {
        String[] ids = new String[models.items()];
        for (int i = 0; i < ids.length; i++) ids[i] = interactions.itemName(i);
        StateWriter out = new StateWriter().putInt(FORMAT).putStrings(List.of(ids));
        models.writeState(out);
        return out.toByteArray();
    }

    /** What {@link #write} wrote. */
    public static PublishedCollaborative fromBytes(byte[] bytes) {
        StateReader in = new StateReader(bytes);
        if (in.getInt() != FORMAT) throw new IllegalArgumentException("not published collaborative models");
        List<String> items = in.getStrings();
        CollaborativeModels models = CollaborativeModels.readState(in, Duration.ZERO);
        if (!in.atEnd()) throw new IllegalArgumentException("published collaborative models with bytes left over");
        if (models.items() != items.size()) {
            throw new IllegalArgumentException("published collaborative models of " + models.items() + " items name " + items.size());
        }
        return new PublishedCollaborative(models, List.copyOf(items));
    }

    CollaborativeModels models() {
        return models;
    }

    /** The item's number, -1 for an item the models never saw. */
    int item(String item) {
        return index.getOrDefault(item, -1);
    }

    String itemName(int item) {
        return items.get(item);
    }

    /** How many items the models number. */
    public int items() {
        return items.size();
    }

    /** The log position of the last interaction the models were trained on. */
    public long trainedSeq() {
        return models.trainedSeq();
    }
}
