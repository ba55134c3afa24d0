/**
 * The on-store format, over a dumb {@link org.lifeboat.store.BackupStore}: how sets are named
 * ({@link org.lifeboat.repository.SetLayout}) and found ({@link org.lifeboat.repository.SetCatalog}),
 * how a datastore's artifacts are written into a set and read back through the pipeline
 * ({@link org.lifeboat.repository.StoreArtifactSink}, {@link org.lifeboat.repository.StoreArtifactSource}),
 * and the mirror of shared bodies beside the sets: its layout, keys, writer and prune's sweep.
 * The mirror lives in this package rather than a sub-package because it writes and reads through
 * the same uploads and sources as the sets.
 */
package org.lifeboat.repository;
