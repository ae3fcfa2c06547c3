package dev.flywheel.stats;

import dev.flywheel.stats.internal.LogisticRegression;

/** Propensity scores P(treated | covariates) from a logistic regression fitted by Newton/IRLS. */
public final class PropensityScores {
    private PropensityScores() {
    }

    public static double[] fit(ObservationalData data) {
        double[][] x = data.rawCovariates();
        double[] beta = LogisticRegression.fit(x, data.rawTreated());
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            e[i] = LogisticRegression.predict(beta, x[i]);
        }
        return e;
    }
}
