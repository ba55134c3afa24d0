/**
 * PostgreSQL in {@code differential} mode: pgBackRest (an external tool, run through
 * {@link org.lifeboat.process.ExternalProcess}) keeps weekly full and daily differential backups
 * and the WAL archive in its own encrypted repository on the backup server, reached over SSH in
 * repository-host mode. Each dated set gets a small {@code pgbackrest-info.json} artifact naming
 * the backup and the row counts at a restore point created right after it; a restore replays that
 * backup into a new data directory, checks it on a temporary server, then swaps directories.
 */
package org.lifeboat.datastore.postgres.pgbackrest;
