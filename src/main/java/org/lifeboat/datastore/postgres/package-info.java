/**
 * PostgreSQL in {@code dump} mode: {@code pg_dump -Fc} per database from one exported snapshot
 * (so the recorded row counts match the dump), roles with {@code pg_dumpall --roles-only}; restore
 * with {@code pg_restore} into a scratch database that is checked and then swapped in.
 */
package org.lifeboat.datastore.postgres;
