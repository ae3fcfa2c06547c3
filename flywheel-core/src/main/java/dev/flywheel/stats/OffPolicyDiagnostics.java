package dev.flywheel.stats;

/**
 * How trustworthy importance weighting is on this log: the effective sample size
 * (sum w)^2 / sum w^2, the largest and mean weight (the mean should be near 1 when the target's support
 * is covered by the logging policy), and the share of decisions whose weight a clip threshold cut.
 */
public record OffPolicyDiagnostics(int n, double effectiveSampleSize, double maxWeight, double meanWeight,
                                   double clipThreshold, double clippedShare) {
    public OffPolicyDiagnostics {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }

    public static OffPolicyDiagnostics of(java.util.List<LoggedDecision> log, double clipThreshold) {
        double sum = 0;
        double sumSq = 0;
        double max = 0;
        int clipped = 0;
        LoggedDecisions d = LoggedDecisions.of(log);
        for (int i = 0; i < d.size(); i++) {
            double w = d.weight(i);
            sum += w;
            sumSq += w * w;
            max = Math.max(max, w);
            clipped += w > clipThreshold ? 1 : 0;
        }
        double ess = sumSq == 0 ? 0 : sum * sum / sumSq;
        return new OffPolicyDiagnostics(log.size(), ess, max, sum / log.size(), clipThreshold,
                (double) clipped / log.size());
    }
}
