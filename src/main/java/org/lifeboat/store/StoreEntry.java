package org.lifeboat.store;

import java.time.Instant;

/**
 * One file or folder in a store.
 *
 * @param name the last path segment
 * @param folder true for a folder
 * @param size the file's length in bytes, 0 for a folder
 * @param modified when it was last modified, as the store reports it
 */
public record StoreEntry(String name, boolean folder, long size, Instant modified) {
}
