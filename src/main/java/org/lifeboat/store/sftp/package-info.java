/**
 * {@link org.lifeboat.store.BackupStore} on an SSH backup server over SFTP (JSch): public-key
 * login only, host key pinned in a known_hosts file, streamed writes published by a
 * never-overwriting link or rename.
 */
package org.lifeboat.store.sftp;
