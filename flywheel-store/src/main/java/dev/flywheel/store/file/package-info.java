/**
 * File-based adapters: the segmented event log and the key file. Contract: what
 * {@link dev.flywheel.store.file.SegmentedFileLog#append} returned from is on disk; a torn tail is
 * cut on open; a closed segment is deleted only once its entries are in the log's
 * {@link dev.flywheel.store.file.SegmentArchive}, and readers then read them from there; the key
 * file is replaced atomically and only ever holds hashes.
 */
package dev.flywheel.store.file;
