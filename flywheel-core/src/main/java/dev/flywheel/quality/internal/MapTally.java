package dev.flywheel.quality.internal;

import dev.flywheel.state.StateReader;
import dev.flywheel.state.StateWriter;
import java.util.List;

/**
 * A map rule's GX counts over values fed one row at a time, so a window of the stream is judged
 * without keeping its rows. Fed the rows of a batch, the counts are the ones a validation of the batch
 * finds (a property test holds the two together); only the unexpected rows' positions are cut to the
 * sample the values are.
 */
public interface MapTally {
    /** The next row's value of the rule's column, as the row holds it (null or NaN when missing). */
    void add(Object value);

    /** The rows judged: every row added, unless {@link #caveat()} says otherwise. */
    long rows();

    long missing();

    /** The values the rule counts: the non-missing ones, or every row for the null expectations. */
    long counted();

    long unexpected();

    /** The first unexpected values in row order, up to the sample size (null for a missing value). */
    List<Object> partialUnexpected();

    /** The positions of the rows {@link #partialUnexpected()} lists. */
    List<Integer> unexpectedRows();

    /** Why not every row added was judged, or null. */
    default String caveat() {
        return null;
    }

    /** The counts and kept values, for a checkpoint; written alike for equal tallies. */
    void writeState(StateWriter out);

    /** Restores what {@link #writeState} wrote into a tally just made by the same rule and bounds. */
    void readState(StateReader in);

    /** Positions are ints, as a batch's; a window past 2^31 rows lists none beyond. */
    static boolean listable(long row) {
        return row <= Integer.MAX_VALUE;
    }
}
