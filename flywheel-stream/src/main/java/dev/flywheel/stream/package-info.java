/**
 * Runners of the stream operators. Contract: every operator sees every log entry once, in seq
 * order; operator state lives in the operators, so the same classes can run under Flink.
 */
package dev.flywheel.stream;
