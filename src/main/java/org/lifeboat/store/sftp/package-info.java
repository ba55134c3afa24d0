/**
 * {@link org.lifeboat.store.BackupStore} on an SSH backup server over SFTP (JSch): public-key
 * login only, host key pinned in a known_hosts file, streamed writes published by a
 * never-overwriting rename; a pool of open channels shared by concurrent callers, each channel
 * touched only by its own thread, and a deadline on every call.
 * {@link org.lifeboat.store.sftp.TransportCipherBenchmark} times the SSH cipher as JSch runs it.
 */
package org.lifeboat.store.sftp;
