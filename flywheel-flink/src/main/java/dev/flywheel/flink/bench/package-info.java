/**
 * Benchmarks of the Flink job, run from the shell (docs/performance.md): a synthetic feed of
 * decisions and feedback computed from its index, through the job on a local MiniCluster or
 * through the same topology in one thread. Contract: the same arguments give the same entries.
 */
package dev.flywheel.flink.bench;
