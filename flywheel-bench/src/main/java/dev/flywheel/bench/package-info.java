/** Load drivers and JMH benchmarks; numbers go to docs/performance.md, never into tests. */
package dev.flywheel.bench;
