/** How the distributed stack runs each part in this JVM: the Flink job on a MiniCluster, PostgreSQL from the zonky binaries. */
package dev.flywheel.cli.stack.internal;
