package dev.flywheel.sim.articles;

import java.util.ArrayList;
import java.util.List;

/**
 * What happened at one shown slot. {@code examined} is ground truth the product never sees; an
 * examined, unclicked slot is an ignore.
 */
public record SlotReaction(String item, int position, boolean examined, boolean clicked, boolean liked,
                           boolean disliked, double dwellSeconds) {

    public SlotReaction {
        if (item == null) throw new IllegalArgumentException("item is required");
        if (position < 1) throw new IllegalArgumentException("position is 1-based, got " + position);
        if (clicked && !examined) throw new IllegalArgumentException("a click needs an examination");
        if ((liked || disliked) && !clicked) throw new IllegalArgumentException("like/dislike need a click");
        if (liked && disliked) throw new IllegalArgumentException("like and dislike exclude each other");
        if (clicked != dwellSeconds > 0) throw new IllegalArgumentException("dwell > 0 exactly when clicked");
    }

    public boolean ignored() {
        return examined && !clicked;
    }

    /** The events the product would log for this slot, in the order they happen. */
    public List<Reaction> events() {
        List<Reaction> out = new ArrayList<>(4);
        out.add(new Reaction(Reaction.IMPRESSION, item, position, null));
        if (!clicked) return out;
        out.add(new Reaction(Reaction.CLICK, item, position, null));
        if (liked) out.add(new Reaction(Reaction.LIKE, item, position, null));
        if (disliked) out.add(new Reaction(Reaction.DISLIKE, item, position, null));
        out.add(new Reaction(Reaction.DWELL, item, position, dwellSeconds));
        return out;
    }
}
