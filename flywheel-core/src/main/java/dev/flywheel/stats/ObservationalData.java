package dev.flywheel.stats;

import dev.flywheel.stats.internal.Checks;

/**
 * Units of a non-randomised comparison: covariates (rows of equal length), treatment flag and outcome.
 * Arrays are copied in and out so the record stays immutable.
 */
public record ObservationalData(double[][] covariates, boolean[] treated, double[] outcome) {
    public ObservationalData {
        if (covariates == null || treated == null || outcome == null) {
            throw new IllegalArgumentException("covariates, treated and outcome are required");
        }
        Checks.sameLength("covariates", covariates.length, "treated", treated.length);
        Checks.sameLength("treated", treated.length, "outcome", outcome.length);
        int p = covariates.length == 0 ? 0 : covariates[0].length;
        double[][] copy = new double[covariates.length][];
        int nTreated = 0;
        for (int i = 0; i < covariates.length; i++) {
            Checks.sameLength("covariates[0]", p, "covariates[" + i + "]", covariates[i].length);
            copy[i] = covariates[i].clone();
            Checks.finite("outcome[" + i + "]", outcome[i]);
            nTreated += treated[i] ? 1 : 0;
        }
        if (nTreated < 2 || treated.length - nTreated < 2) {
            throw new IllegalArgumentException("need at least 2 treated and 2 control units, got "
                    + nTreated + " treated of " + treated.length);
        }
        covariates = copy;
        treated = treated.clone();
        outcome = outcome.clone();
    }

    public int size() {
        return outcome.length;
    }

    public int covariateCount() {
        return covariates[0].length;
    }

    /** The units at the given indices (repeats allowed: bootstrap resamples). */
    public ObservationalData select(int[] indices) {
        double[][] x = new double[indices.length][];
        boolean[] t = new boolean[indices.length];
        double[] y = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            x[k] = covariates[indices[k]];
            t[k] = treated[indices[k]];
            y[k] = outcome[indices[k]];
        }
        return new ObservationalData(x, t, y);
    }

    @Override
    public double[][] covariates() {
        double[][] copy = new double[covariates.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = covariates[i].clone();
        }
        return copy;
    }

    @Override
    public boolean[] treated() {
        return treated.clone();
    }

    @Override
    public double[] outcome() {
        return outcome.clone();
    }

    double[][] rawCovariates() {
        return covariates;
    }

    boolean[] rawTreated() {
        return treated;
    }

    double[] rawOutcome() {
        return outcome;
    }
}
