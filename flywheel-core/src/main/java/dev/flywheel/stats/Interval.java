package dev.flywheel.stats;

/** A closed interval {@code [low, high]}; both ends finite and ordered. */
public record Interval(double low, double high) {
    public Interval {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            throw new IllegalArgumentException("interval bounds must not be NaN: [" + low + ", " + high + "]");
        }
        if (low > high) {
            throw new IllegalArgumentException("interval low must be <= high: [" + low + ", " + high + "]");
        }
    }

    /** {@code center ± halfWidth}. */
    public static Interval around(double center, double halfWidth) {
        if (!(halfWidth >= 0)) {
            throw new IllegalArgumentException("halfWidth must be >= 0, got " + halfWidth);
        }
        return new Interval(center - halfWidth, center + halfWidth);
    }

    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    public double width() {
        return high - low;
    }
}
