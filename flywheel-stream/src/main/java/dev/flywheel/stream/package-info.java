/**
 * Runners of the stream operators. Contract: every operator sees every log entry once, in seq
 * order; operator state lives in the operators, so the same classes can run under Flink; a runner
 * checkpoints state only between chunks, when it reflects exactly the entries applied so far.
 */
package dev.flywheel.stream;
