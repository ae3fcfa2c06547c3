/**
 * The catalog: items a loop can show and their text vectors. Contract: posting an item id again
 * replaces the item; vectors are unit length, so their dot product is the cosine similarity.
 */
package dev.flywheel.catalog;
