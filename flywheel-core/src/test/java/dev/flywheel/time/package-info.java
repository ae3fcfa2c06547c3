/** Time for tests: a clock the test moves, to inject where production code takes a {@link java.time.Clock}. */
package dev.flywheel.time;
