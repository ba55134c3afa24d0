package org.lifeboat.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where backup bytes go: a tree of folders and files under one root. A store never knows what the
 * bytes are.
 *
 * <p>Paths are relative to the store's root, separated by {@code /}, with no empty, {@code .} or
 * {@code ..} segment and no leading {@code /}; anything else is refused with
 * {@link IllegalArgumentException} before the store is touched ({@link StorePaths#check}).
 *
 * <p>Every {@link IOException} names the path and the store ({@link #describe()}).
 */
public interface BackupStore extends Closeable {

    /**
     * Where this store is, for messages and logs, for example
     * {@code sftp://lifeboat@backup.example:22/srv/lifeboat}. Never contains a secret.
     */
    String describe();

    /**
     * Opens {@code path} for writing, atomically. The bytes go to a temporary name in the same
     * folder and appear under {@code path} only when {@link AtomicWrite#commit()} returns; closing
     * without commit removes the temporary file, so a failed write leaves nothing visible under
     * {@code path}. Missing parent folders are created. Never overwrites: if {@code path} exists,
     * commit fails with {@link java.nio.file.FileAlreadyExistsException}.
     *
     * @return a stream the caller owns and must close (after commit, or instead of it)
     */
    AtomicWrite write(String path) throws IOException;

    /**
     * Opens {@code path} for reading.
     *
     * @return a stream the caller owns and must close
     * @throws java.nio.file.NoSuchFileException if there is no file at {@code path}
     */
    InputStream read(String path) throws IOException;

    /**
     * The entries directly inside {@code folder} (no recursion), sorted by name. Temporary files
     * of writes in progress are not listed. An empty path means the root.
     *
     * @return an empty list if the folder does not exist
     */
    List<StoreEntry> list(String folder) throws IOException;

    /** The entry at {@code path}, or empty if nothing is there. */
    Optional<StoreEntry> stat(String path) throws IOException;

    /** Creates {@code folder} and its missing parents; an existing folder is fine. */
    void makeFolders(String folder) throws IOException;

    /**
     * Renames a file or folder. Fails with {@link java.nio.file.FileAlreadyExistsException} if
     * {@code to} exists, and with {@link java.nio.file.NoSuchFileException} if {@code from} does
     * not.
     */
    void rename(String from, String to) throws IOException;

    /**
     * Deletes a file, or a folder with everything in it. Deleting what is not there is not an
     * error, so a delete may be repeated.
     */
    void delete(String path) throws IOException;

    /** Bytes free for writing at the root, or -1 when the store cannot tell. */
    long freeBytes() throws IOException;
}
