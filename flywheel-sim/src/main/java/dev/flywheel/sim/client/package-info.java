/** The HTTP client a product would use; the only way simulated users reach the engine. */
package dev.flywheel.sim.client;
