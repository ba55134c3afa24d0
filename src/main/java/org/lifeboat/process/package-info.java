/**
 * Running external tools (pg_dump, pg_restore, pgbackrest): stdout as a stream, stderr kept for
 * errors, exit code always checked, secrets passed through the environment and never in argv.
 */
package org.lifeboat.process;
