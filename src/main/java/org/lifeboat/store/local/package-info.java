/**
 * {@link org.lifeboat.store.BackupStore} on a local folder: used by tests and as the embedded
 * default. Atomic writes are a hidden temporary file, fsync, then a link that never replaces.
 */
package org.lifeboat.store.local;
