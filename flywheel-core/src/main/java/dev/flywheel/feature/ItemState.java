package dev.flywheel.feature;

/** One item's feature state: its decayed counts and its paid values, either null when it has none. */
public record ItemState(ItemFeedback counts, ItemValue value) { }
