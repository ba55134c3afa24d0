/**
 * One run at a time per environment: a lock on the backup server (created atomically, refreshed
 * while the run lives, taken over when its holder has gone silent) and one on this host (held by
 * the operating system, so it ends with the process).
 */
package org.lifeboat.run.lock;
