/**
 * Training at scale: a loop's collaborative factorisation trained on Apache Spark (MLlib's implicit
 * ALS) from a training snapshot's Parquet file ({@link dev.flywheel.spark.SparkFactorisation}, entry
 * point {@link dev.flywheel.spark.SparkTrainer}). The snapshot's user x item matrix is computed in
 * Spark's partitions by the engine's own code ({@link dev.flywheel.model.CollaborativeInput}), so it
 * is cell for cell the matrix the engine trains on; the result is a factors file
 * ({@link dev.flywheel.model.TrainedFactors}) by user and item id, which the registry turns into a
 * frozen version like any other ({@link dev.flywheel.rollout.Retrainer#train(String,
 * dev.flywheel.model.TrainingSnapshot, String, dev.flywheel.model.TrainedFactors)}).
 *
 * <p>Contract: nothing in the engine's runtime depends on this module (Spark's Jackson, Netty and
 * Hadoop stay out of it); a factors file names the snapshot it was trained on and is written whole
 * or not at all; bad arguments and input are refused naming the option or key.
 */
package dev.flywheel.spark;
