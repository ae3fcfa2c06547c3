package dev.flywheel.quality;

/**
 * One row breaking one row-level expectation: what a quarantined event records as its reason.
 *
 * @param value the offending value, or null when the value is missing
 */
public record RowViolation(Expectation expectation, String column, Object value) {
    /** {@code expectations[2] expect_column_values_to_be_in_set(segment): value 'Spam'}. */
    public String reason() {
        return expectation + ": " + (value == null ? "value missing" : "value '" + value + "'");
    }
}
