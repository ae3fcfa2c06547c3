package dev.flywheel.stats.internal;

/** Argument checks that name the offending argument in their message. */
public final class Checks {
    private Checks() {
    }

    public static double confidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        return confidence;
    }

    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    public static double probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
        return value;
    }

    public static void sameLength(String a, int la, String b, int lb) {
        if (la != lb) {
            throw new IllegalArgumentException(a + " and " + b + " must have the same length, got " + la + " and " + lb);
        }
    }

    public static void minLength(String name, int length, int min) {
        if (length < min) {
            throw new IllegalArgumentException(name + " needs at least " + min + " values, got " + length);
        }
    }
}
