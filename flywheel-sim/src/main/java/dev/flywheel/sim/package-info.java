/**
 * Simulated worlds with ground truth. Contract: seeded and reproducible; simulated users act only
 * through {@link dev.flywheel.sim.client.FlywheelClient}, the public HTTP API.
 */
package dev.flywheel.sim;
