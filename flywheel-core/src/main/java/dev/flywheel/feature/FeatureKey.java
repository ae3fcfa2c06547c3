package dev.flywheel.feature;

/**
 * Where one part of a loop's feature state is kept: the global counts (one per loop), an item's
 * counts and paid values, or a user's own state (profile, seen and judged items, per topic and per
 * item counts). A reader of one user and many candidates needs exactly these.
 */
public record FeatureKey(Kind kind, String id) {
    public enum Kind { GLOBAL, ITEM, USER }

    /** The one global key of a loop. */
    public static final FeatureKey GLOBAL = new FeatureKey(Kind.GLOBAL, "");

    public FeatureKey {
        if (kind == null) throw new IllegalArgumentException("kind is required");
        if (id == null) throw new IllegalArgumentException("id is required");
    }

    public static FeatureKey item(String id) {
        return new FeatureKey(Kind.ITEM, id);
    }

    public static FeatureKey user(String id) {
        return new FeatureKey(Kind.USER, id);
    }
}
