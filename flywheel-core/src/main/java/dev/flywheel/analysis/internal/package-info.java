/** CSV parsing and timestamp/window parsing for {@code dev.flywheel.analysis}. Not API. */
package dev.flywheel.analysis.internal;
