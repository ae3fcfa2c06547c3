/**
 * Features: aggregates of feedback kept up to date as decisions, events and outcomes arrive (decayed
 * counts, smoothed rates, user term affinities, seen and judged items). Contract: point-in-time
 * correct — a value asked for time t uses only updates stamped at or before t, whatever order they
 * arrived in — and pure: time is always passed in, never read from a clock.
 */
package dev.flywheel.feature;
