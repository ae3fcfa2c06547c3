/**
 * The stream topology: every stream operator of a configuration, in the one order all runners apply
 * them. Contract: the same entries in the same order give the same outcomes, features and model
 * states whoever runs the list; operators hold their own state and take no framework types.
 *
 * <p>A server of the distributed shape runs no operators: {@link dev.flywheel.topology.ServingLoops}
 * builds the same loops, model families and rollout policies over the state the operators publish
 * ({@link dev.flywheel.topology.ServingState}), and decides exactly as the topology's own policies
 * from the same state ({@link dev.flywheel.topology.TopologyServingState} reads it from a live
 * topology).
 */
package dev.flywheel.topology;
