/**
 * How the job runs the topology in Flink: the operator, the dedupe, the committing sink and the
 * serializers over Flywheel's own codecs. Used by {@code dev.flywheel.flink} only.
 */
package dev.flywheel.flink.internal;
