/**
 * Statistics that decide what Flywheel reports as true: experiment intervals, off-policy estimates,
 * observational effects. Pure functions over plain arrays, tested against hand-computed and
 * reference values; no I/O.
 *
 * <p>Contract: results are immutable records validated in their constructors (an
 * {@link java.lang.IllegalArgumentException} names the argument); confidence levels are two-sided
 * (0.95 means a 95% interval); randomness (bootstrap) is always seeded by the caller, so the same
 * input gives the same output.
 *
 * <ul>
 *   <li>Experiments: {@link dev.flywheel.stats.MeanEstimate} per arm, {@link dev.flywheel.stats.WelchTest}
 *       (Welch–Satterthwaite df), {@link dev.flywheel.stats.DeltaMethod} for ratio metrics and relative
 *       lift, {@link dev.flywheel.stats.Cuped} (pooled theta), {@link dev.flywheel.stats.SampleRatioCheck}
 *       (flag at p &lt; 0.001), {@link dev.flywheel.stats.ConfidenceSequence} (asymptotic, always valid),
 *       {@link dev.flywheel.stats.MultipleTesting} (Holm, Benjamini–Hochberg),
 *       {@link dev.flywheel.stats.Proportion} (Wilson).</li>
 *   <li>Off-policy evaluation over a generic log of {@link dev.flywheel.stats.LoggedDecision}s with a
 *       {@link dev.flywheel.stats.ActionDistribution} and a {@link dev.flywheel.stats.RewardModel}:
 *       {@link dev.flywheel.stats.OffPolicyEstimators} (IPS, SNIPS, clipped IPS, DM, DR, switch-DR) and
 *       {@link dev.flywheel.stats.OffPolicyDiagnostics}. Contexts are discrete keys; a decision log with
 *       rich contexts maps each decision to its own key or to a segment. A large log should be a
 *       {@link dev.flywheel.stats.LoggedDecisions} (primitive columns): the estimators read any list
 *       as columns and give the same numbers to the last bit either way.</li>
 *   <li>Observational effects: {@link dev.flywheel.stats.PropensityScores} (logistic regression by
 *       IRLS), {@link dev.flywheel.stats.EffectEstimators} (naive, Hájek IPW, AIPW, 1-NN propensity
 *       matching) and {@link dev.flywheel.stats.OverlapDiagnostics}.</li>
 * </ul>
 * Helpers in {@code dev.flywheel.stats.internal} are not API.
 */
package dev.flywheel.stats;
