/**
 * Typed configuration. Contract: a config is validated completely when it is built, every error
 * names its key ({@code server.port: must be between 0 and 65535}), unknown keys are refused, and a
 * built config never changes.
 */
package dev.flywheel.config;
