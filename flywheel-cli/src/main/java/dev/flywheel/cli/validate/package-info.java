/**
 * {@code flywheel validate}: runs an expectation suite (a GX suite file, 0.x or 1.x layout, or the same
 * fields in YAML) over a CSV or JSON-lines file with the engine's {@link dev.flywheel.quality} validator
 * and reports GX's per expectation result. Exit code 0 when every expectation succeeds, 1 when one does
 * not, 2 when the suite or the file cannot be used (the message names the key or the file).
 */
package dev.flywheel.cli.validate;
