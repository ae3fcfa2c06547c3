/**
 * The stream topology: every stream operator of a configuration, in the one order all runners apply
 * them. Contract: the same entries in the same order give the same outcomes, features and model
 * states whoever runs the list; operators hold their own state and take no framework types.
 */
package dev.flywheel.topology;
