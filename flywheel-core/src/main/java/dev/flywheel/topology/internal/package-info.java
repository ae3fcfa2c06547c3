/**
 * The parts a server of the distributed shape builds its loops from: the published learner state as
 * a scorer, the consumed items through a cache, the catalog polled from the published items. Each
 * refreshes on read or on a poll by an injected clock, so its staleness has a stated bound.
 */
package dev.flywheel.topology.internal;
