package dev.flywheel.cli.importer;

/**
 * What became of one kind of input. For events, {@code read} and {@code rejected} count rows of the
 * file (a row may give several events, or none), {@code accepted} and {@code duplicates} count events;
 * for items and decisions all four count records.
 *
 * @param accepted   newly stored
 * @param duplicates already stored before (same id; for items: equal to the current version)
 * @param rejected   quarantined with their reasons
 */
public record Counts(long read, long accepted, long duplicates, long rejected) {
    public static final Counts NONE = new Counts(0, 0, 0, 0);
}
