/**
 * Implementation helpers of {@code dev.flywheel.stats} (argument checks, quantiles, moments, small
 * linear algebra, regression fits, bootstrap resampling). Not API: may change without notice.
 */
package dev.flywheel.stats.internal;
