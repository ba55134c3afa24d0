/**
 * The server role: Lifeboat on the backup server itself, over the {@code local} store. It seals
 * every set production publishes (hands it to the keeper user, read-only, in a sticky folder, so
 * production's append-only account can no longer change it), prunes by the retention policy
 * counting only sealed, signed sets, sweeps the mirrors, and says when no new set came.
 */
package org.lifeboat.server;
