/** The readers behind {@link dev.flywheel.json.JsonRecords}: one per record kind, and their field checks. Not for other modules. */
package dev.flywheel.json.internal;
