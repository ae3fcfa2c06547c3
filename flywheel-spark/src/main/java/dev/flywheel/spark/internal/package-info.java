/**
 * Implementation detail of {@code dev.flywheel.spark}: the snapshot's cells computed per partition,
 * the int ids MLlib needs, and its factors brought back by id. Not API.
 */
package dev.flywheel.spark.internal;
