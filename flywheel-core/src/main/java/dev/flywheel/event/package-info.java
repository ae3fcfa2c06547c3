/**
 * Events: immutable facts from the product (impressions, clicks, likes, purchases, ratings...).
 * Every record validates itself in its constructor and reports all bad fields at once through
 * {@link dev.flywheel.event.InvalidRecordException}; a constructed record is always valid.
 */
package dev.flywheel.event;
