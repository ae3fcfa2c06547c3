/**
 * Implementation detail of {@code dev.flywheel.model}: the ranking feature vector, and the collaborative
 * building blocks (an immutable CSR {@link dev.flywheel.model.internal.SparseMatrix}, implicit-feedback
 * ALS in {@link dev.flywheel.model.internal.ImplicitAls}, SAR-style co-occurrence similarity in
 * {@link dev.flywheel.model.internal.ItemSimilarity}). Not API: may change without notice.
 */
package dev.flywheel.model.internal;
