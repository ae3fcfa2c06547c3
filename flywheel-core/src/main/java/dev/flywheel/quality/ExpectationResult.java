package dev.flywheel.quality;

import java.util.List;

/**
 * The result of one expectation over a batch, with GX's fields. For a column map expectation
 * ({@link Expectation#columnMap()}) the counts are GX's: {@code elementCount} rows, {@code missingCount}
 * missing values, {@code unexpectedCount} counted values that failed, {@code unexpectedPercent} =
 * 100 × unexpected / counted values (counted: the non-missing values; every row for the null
 * expectations), null when nothing was counted; the first 20 unexpected values; and, beyond GX's summary,
 * every unexpected row's position in the batch, so a caller can act on the rows. For an aggregate
 * expectation, {@code observedValue} is the statistic and the counts are zero.
 *
 * @param problem why the expectation could not be evaluated (a missing column, a text value in a mean),
 *                or null; such an expectation does not succeed
 */
public record ExpectationResult(Expectation expectation, boolean success, long elementCount, long missingCount,
                                long unexpectedCount, Double unexpectedPercent, List<Object> partialUnexpectedList,
                                List<Integer> unexpectedRows, Object observedValue, String problem) {
    /** GX keeps the first 20 unexpected values in its summary result. */
    public static final int PARTIAL_LIST_SIZE = 20;

    public ExpectationResult {
        partialUnexpectedList = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(partialUnexpectedList));
        unexpectedRows = List.copyOf(unexpectedRows);
    }

    static ExpectationResult failed(Expectation e, long elementCount, String problem) {
        return new ExpectationResult(e, false, elementCount, 0, 0, null, List.of(), List.of(), null, problem);
    }

    /** 100 × missing / rows, null for an empty batch. */
    public Double missingPercent() {
        return elementCount == 0 ? null : 100.0 * missingCount / elementCount;
    }

    /** 100 × unexpected / rows (GX's {@code unexpected_percent_total}), null for an empty batch. */
    public Double unexpectedPercentTotal() {
        return elementCount == 0 ? null : 100.0 * unexpectedCount / elementCount;
    }
}
