package org.lifeboat.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/**
 * Builds the exceptions stores throw, so that every one names the action, the store path and the
 * store ({@code unable to write 'a/b' on sftp://u@h:22/root: ...}) while keeping the types the
 * {@link BackupStore} contract promises ({@link NoSuchFileException},
 * {@link FileAlreadyExistsException}).
 */
public final class StoreErrors {

    private StoreErrors() {
    }

    /** "unable to {verb} '{path}' on {store}". */
    public static String unable(String verb, String path, String store) {
        return "unable to " + verb + " '" + path + "' on " + store;
    }

    /** A {@link NoSuchFileException} for {@code path}, saying what could not be done. */
    public static NoSuchFileException missing(String verb, String path, String store) {
        return new NoSuchFileException(path, null, unable(verb, path, store) + ": not found");
    }

    /** A {@link FileAlreadyExistsException} for {@code path}, saying what could not be done. */
    public static FileAlreadyExistsException exists(String verb, String path, String store) {
        return new FileAlreadyExistsException(path, null, unable(verb, path, store) + ": it already exists");
    }

    /**
     * Wraps {@code cause} with the action, path and store, keeping the contract's exception types.
     */
    public static IOException wrap(String verb, String path, String store, Exception cause) {
        IOException wrapped;
        if (cause instanceof NoSuchFileException) {
            wrapped = missing(verb, path, store);
        } else if (cause instanceof FileAlreadyExistsException) {
            wrapped = exists(verb, path, store);
        } else {
            String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new IOException(unable(verb, path, store) + ": " + detail, cause);
        }
        wrapped.initCause(cause);
        return wrapped;
    }
}
