/**
 * Reports assembled from tables: {@link dev.flywheel.analysis.ExperimentReport} (per-arm metrics,
 * differences, CUPED, always-valid intervals, multiple-testing adjustment, SRM),
 * {@link dev.flywheel.analysis.OffPolicyEvaluation} with the Open Bandit Dataset adapter
 * {@link dev.flywheel.analysis.ObdLogs}, {@link dev.flywheel.analysis.ObservationalEffect} and
 * {@link dev.flywheel.analysis.Funnel}; the experiment report also from per-arm
 * {@link dev.flywheel.analysis.ArmMoments} that a store aggregates in SQL (no CUPED there); off-policy evaluation of the engine's own decision log as
 * {@link dev.flywheel.analysis.LoggedSlate}s through {@link dev.flywheel.analysis.SlateLog}, where a
 * {@link dev.flywheel.analysis.TargetPolicy} (uniform, greedy by score, the logger itself, or a learner
 * through {@link dev.flywheel.analysis.LearnerTargetPolicy}, which re-scores a slate's logged candidates
 * from its {@link dev.flywheel.analysis.LoggedSlate.Origin}) is the target; top-k
 * {@link dev.flywheel.analysis.RankingMetrics} (precision, recall, nDCG, AP, hit rate, coverage, with
 * bootstrap intervals paired over users) for replaying recommendations against held-out feedback.
 *
 * <p>Contract: a {@link dev.flywheel.analysis.Table} is read once into memory (RFC 4180 CSV, CRLF or
 * LF, or whole columns from a store query); every analysis is a pure function of the table and an immutable spec/options record; bad input
 * raises {@link java.lang.IllegalArgumentException} whose message names the column, value or option,
 * ready to show to an analyst. Known limits: CUPED is applied to plain metrics only (ratio metrics are
 * reported unadjusted); a funnel user enters at their first first-step event.
 */
package dev.flywheel.analysis;
