/**
 * Where bytes come from: the {@link org.lifeboat.datastore.Datastore} interface, the small base
 * every datastore shares ({@link org.lifeboat.datastore.AbstractDatastore}), the family contract a
 * kind of datastore registers with ({@link org.lifeboat.datastore.DatastoreFamily}), and one
 * subpackage per technology. A datastore writes and reads plaintext artifacts through
 * {@link org.lifeboat.datastore.ArtifactSink} and {@link org.lifeboat.datastore.ArtifactSource};
 * it never knows where they are stored or how they are encoded. What every swapping restore shares
 * lives here once: {@link org.lifeboat.datastore.AbstractPreparedRestore} (settling a swap on
 * close), {@link org.lifeboat.datastore.RenamedSwapSettling} (swaps by rename) and
 * {@link org.lifeboat.datastore.SwapMarkers} (journaled swaps by copy).
 */
package org.lifeboat.datastore;
