package dev.flywheel.sim.articles;

/**
 * One event a shown slot caused, typed with the vocabulary's event names; {@code value} is set only
 * for {@code dwell} (seconds).
 */
public record Reaction(String type, String item, int position, Double value) {
    public static final String IMPRESSION = "impression";
    public static final String CLICK = "click";
    public static final String LIKE = "like";
    public static final String DISLIKE = "dislike";
    public static final String DWELL = "dwell";

    public Reaction {
        if (type == null || item == null) throw new IllegalArgumentException("type and item are required");
        if (position < 1) throw new IllegalArgumentException("position is 1-based, got " + position);
        if (DWELL.equals(type) != (value != null)) {
            throw new IllegalArgumentException("value is required for dwell and only for dwell, type " + type);
        }
        if (value != null && !(value >= 0)) throw new IllegalArgumentException("dwell must be >= 0, got " + value);
    }
}
