/** How the distributed stack runs the Flink job in this JVM: on a MiniCluster (PostgreSQL is flywheel-postgres's {@code LocalPostgres}). */
package dev.flywheel.cli.stack.internal;
