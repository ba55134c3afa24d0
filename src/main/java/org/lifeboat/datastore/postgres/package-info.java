/**
 * PostgreSQL, one family: its configuration ({@link org.lifeboat.datastore.postgres.PostgresConfig}),
 * its factory ({@link org.lifeboat.datastore.postgres.PostgresFamily}) and {@code dump} mode:
 * {@code pg_dump -Fc} per database from one exported snapshot (so the recorded row counts match
 * the dump), roles with {@code pg_dumpall --roles-only}; restore with {@code pg_restore} into a
 * scratch database that is checked and then swapped in. {@code differential} mode is in
 * {@code pgbackrest/}; what both modes share (reaching the server, counting rows) in {@code server/}.
 */
package org.lifeboat.datastore.postgres;
