package dev.flywheel.analysis;

import java.util.Map;

/**
 * One arm's sufficient statistics of per-unit metric columns, as a database aggregates them: the
 * number of units, each column's mean and sample variance, and for each ratio metric {@code num/den}
 * the sample covariance of its two columns. Enough for Welch and delta-method intervals without
 * moving one row per unit.
 */
public record ArmMoments(String arm, long n, Map<String, Double> means, Map<String, Double> variances,
                         Map<String, Double> covariances) {
    public ArmMoments {
        if (arm == null) {
            throw new IllegalArgumentException("arm is required");
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        means = Map.copyOf(means);
        variances = Map.copyOf(variances);
        covariances = Map.copyOf(covariances);
    }

    double mean(String column) {
        return require(means, column, "mean");
    }

    double variance(String column) {
        return require(variances, column, "variance");
    }

    double covariance(String ratioMetric) {
        return require(covariances, ratioMetric, "covariance");
    }

    private double require(Map<String, Double> values, String key, String what) {
        Double v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("arm '" + arm + "' has no " + what + " for '" + key + "'");
        }
        return v;
    }
}
